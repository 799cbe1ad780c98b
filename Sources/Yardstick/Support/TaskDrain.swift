/// Waits for background work at a stop, for a bounded time: work that outlasts the bound (a
/// dead webhook retrying) is cancelled, so the stop is late by the bound at most.
enum TaskDrain {
    /// Waits for `tasks`, cancelling those still running after `limit`.
    static func wait(for tasks: [Task<Void, Never>], within limit: Duration) async {
        guard !tasks.isEmpty else { return }
        let deadline = Task {
            do { try await Task.sleep(for: limit) } catch { return }
            for task in tasks { task.cancel() }
        }
        for task in tasks { await task.value }
        deadline.cancel()
    }
}
