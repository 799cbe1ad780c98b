import Foundation
import Synchronization

/// Posts a judged run's verdicts as alerts, for `run`, `ab` and `baseline update`: one alert
/// per benchmark that fails the gate, at the level ``VerdictAlertPolicy`` gives it (the same
/// as `bench monitor --ingest`), and an info notice per improvement, to the webhooks that
/// take its level and to the `--alerts` file.
///
/// Delivery never changes the command's exit code: each sink delivers in a task of its own,
/// the run waits at most ``drainLimit`` for them, and what failed is summed up in one line on
/// standard error.
struct RunAlerting {
    let options: AlertingOptions
    /// The webhooks' format, with its routing key.
    let format: WebhookFormat

    /// How long a finished run waits for its alerts to be delivered.
    static let drainLimit: Duration = .seconds(10)

    /// The alerting of `options`; a PagerDuty format reads its key from `environment`, and is
    /// refused before anything is measured when there is none.
    init(_ options: AlertingOptions, environment: [String: String]) throws(CommandLineError) {
        self.options = options
        format = try options.webhookFormat(environment: environment)
    }

    /// Posts `judgement`'s alerts, and writes one line to `console`'s standard error when some
    /// could not be delivered.
    /// - Returns: The events posted.
    @discardableResult
    func post(_ judgement: RunJudgement?, console: Console) async -> [AlertEvent] {
        guard let judgement, !options.isEmpty else { return [] }
        let events = await ThresholdMonitor().ingest(judgement)
        guard !events.isEmpty else { return [] }
        let failures = Mutex<[String]>([])
        let sinks = options.sinks(format: format) { line in failures.withLock { $0.append(line) } }
        let deliveries = sinks.map { sink in
            Task {
                for event in events { await sink.deliver(event) }
            }
        }
        let deadline = Task {
            do { try await Task.sleep(for: Self.drainLimit) } catch { return }
            for delivery in deliveries { delivery.cancel() }
        }
        for delivery in deliveries { await delivery.value }
        deadline.cancel()
        let lines = failures.withLock { $0 }
        if let first = lines.first {
            let more = lines.count > 1 ? " (and \(lines.count - 1) more not delivered)" : ""
            console.error("bench: warning: \(first)\(more)\n")
        }
        return events
    }
}
