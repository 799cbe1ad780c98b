import ReferenceBenchmarks
import Yardstick

await BenchCommand.main(suites: referenceSuites, probes: referenceProbes(), thresholds: referenceProbeThresholds)
