extension ThresholdMonitor {
    /// Sets the threshold of its metric, replacing any earlier one; an alert in progress keeps
    /// its level until the new bands change it.
    public func setThreshold(_ threshold: Threshold) {
        thresholds[threshold.metric] = threshold
        valueAlerts[threshold.metric, default: AlertTracker(hysteresis: threshold.hysteresis)].update(threshold.hysteresis)
        failureAlerts[threshold.metric]?.update(threshold.hysteresis)
    }

    /// Sets several thresholds.
    public func setThresholds(_ thresholds: some Sequence<Threshold>) {
        for threshold in thresholds { setThreshold(threshold) }
    }

    /// The threshold of `metric`, if it has one.
    public func threshold(for metric: String) -> Threshold? { thresholds[metric] }

    /// Registers a probe, replacing one of the same name; it is first due now, and a ``run()``
    /// loop waiting for another probe's time samples it at once.
    public func register(_ probe: MonitorProbe) {
        nextRegistration += 1
        probes[probe.name] = ScheduledProbe(probe: probe, due: clock.now, registration: nextRegistration)
        // A run loop asleep until another probe's time wakes now to sample this one.
        for sleep in runLoopSleeps.values { sleep.cancel() }
    }

    /// The names of the registered probes, sorted.
    public var probeNames: [String] { probes.keys.sorted() }
}
