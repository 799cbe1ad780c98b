import ServerComponents
import Yardstick

/// `validation.time` and `validation.error-rate`: a fixed batch of request bodies, nine in ten
/// valid, checked against the validation suite's schemas.
///
/// The batch mixes the suite's sign-up forms and orders, valid and invalid, in an order fixed
/// by a seeded generator. Each probe call validates the whole batch once: `validation.time` is
/// the mean wall time per document, `validation.error-rate` the fraction of documents with at
/// least one failure, which for a correct validator is exactly
/// ``ValidationProbeWorkload/invalidFraction``.
enum ValidationProbes {
    static let time = "validation.time"
    static let errorRate = "validation.error-rate"

    static func probes(interval: Duration, timeout: Duration) -> [MonitorProbe] {
        [
            MonitorProbe(time, interval: interval, timeout: timeout) { ValidationProbeWorkload.validateBatch().nanosecondsPerDocument },
            MonitorProbe(errorRate, interval: interval, timeout: timeout) { ValidationProbeWorkload.validateBatch().errorRate },
        ]
    }

    static let thresholds: [Threshold] = {
        let invalid = ValidationProbeWorkload.invalidFraction
        let oneDocument = 1 / Double(ValidationProbeWorkload.batch.count)
        return [
            // Measured in a release build on a 2-core VM: 3.72 µs a document (median of the
            // medians of 20 samples in 5 processes, 3.60-3.92 µs; single samples from 2.8 to
            // 7.6 µs), the orders costing ten times the sign-ups, as in the validation suite;
            // about 5x and 20x that.
            Threshold(metric: time, unit: .nanoseconds, warning: .atMost(18_500), critical: .atMost(75_000)),
            // Measured: 0.100 in every sample of 5 processes, as it must be. One document judged wrongly moves
            // the rate by 0.025: a warning; two or more are critical.
            Threshold(
                metric: errorRate, unit: .fraction,
                warning: ThresholdBand(minimum: invalid - oneDocument / 2, maximum: invalid + oneDocument / 2),
                critical: ThresholdBand(minimum: invalid - oneDocument * 1.5, maximum: invalid + oneDocument * 1.5)
            ),
        ]
    }()
}

/// The batch and how it is validated.
enum ValidationProbeWorkload {
    /// What one pass over the batch found.
    struct Outcome: Sendable {
        var nanosecondsPerDocument: Double
        var errorRate: Double
    }

    /// A document and the schema it is checked against.
    struct Document: Sendable {
        var schema: Schema
        var value: JSONValue
        var isValid: Bool
    }

    /// Sign-up forms the suite's `signUp` schema rejects: an age under its minimum, an e-mail
    /// address without a domain.
    static let invalidSignUps: [JSONValue] = [
        ["age": 9, "name": "Young Ada", "email": "ada@example.org", "newsletter": true],
        ["age": 41, "name": "Grace Hopper", "email": "grace.hopper@", "newsletter": false],
    ]

    /// 40 documents: 18 valid sign-ups (the suite's four in turn), 18 valid orders, and 2
    /// invalid sign-ups and 2 invalid orders (the suite's, with its nine failures), shuffled.
    static let batch: [Document] = {
        var documents: [Document] = []
        for index in 0..<18 {
            documents.append(Document(schema: ValidationWorkload.signUp, value: ValidationWorkload.signUps[index & 3], isValid: true))
            documents.append(Document(schema: ValidationWorkload.order, value: ValidationWorkload.validOrder, isValid: true))
        }
        for signUp in invalidSignUps {
            documents.append(Document(schema: ValidationWorkload.signUp, value: signUp, isValid: false))
        }
        for _ in 0..<2 {
            documents.append(Document(schema: ValidationWorkload.order, value: ValidationWorkload.invalidOrder, isValid: false))
        }
        var generator = SplitMix64(seed: "validation.probe")
        // Fisher-Yates by hand: the standard library's shuffle may change between releases.
        for index in stride(from: documents.count - 1, to: 0, by: -1) {
            documents.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        return documents
    }()

    /// The fraction of ``batch`` a correct validator rejects: 0.1.
    static var invalidFraction: Double {
        Double(batch.count { !$0.isValid }) / Double(batch.count)
    }

    /// Validates every document of ``batch`` once, timing the validation only.
    static func validateBatch() -> Outcome {
        let documents = batch
        let clock = MonotonicClock()
        var rejected = 0
        let start = clock.now()
        for document in documents where !document.schema.validate(document.value).isEmpty {
            rejected += 1
        }
        let elapsed = clock.now() - start
        return Outcome(
            nanosecondsPerDocument: Double(elapsed) / Double(documents.count),
            errorRate: Double(rejected) / Double(documents.count)
        )
    }
}
