import ServerComponents
import Synchronization
import Yardstick

/// `database.query-time` and `database.slow-queries`: point selects by id on a long-lived
/// ``ItemRepository``.
///
/// On its first call the probe opens a repository in a temporary directory of its own and fills
/// it with the database suite's 10,000 rows (the suite's `RepositoryFixture`, in WAL mode);
/// every call then looks up ``DatabaseProbeWorkload/batch`` existing ids, each its own
/// implicit read transaction as a server's lone lookups are. `database.query-time` returns the
/// mean wall time of one; `database.slow-queries` runs a batch of its own and returns how many
/// of its selects the repository's slow query log counted (``ItemRepository/slowQueries``, over
/// ``DatabaseProbeWorkload/slowQueryThreshold``). The ids are the suite's pseudo-random ones, continuing from call to call, so the probe
/// does not read the same few pages over and over.
///
/// The database is closed and its directory removed by the probe's shutdown, which
/// `bench monitor` runs when it stops, or when the probes are released; a process that is
/// killed leaves it in the temporary directory (`yardstick-database-*`).
enum DatabaseProbes {
    static let queryTime = "database.query-time"
    static let slowQueries = "database.slow-queries"

    static func probes(interval: Duration, timeout: Duration) -> [MonitorProbe] {
        let state = DatabaseProbeState()
        return [
            MonitorProbe(queryTime, interval: interval, timeout: timeout, shutdown: { state.close() }) {
                try state.selectBatch().nanosecondsPerSelect
            },
            MonitorProbe(slowQueries, interval: interval, timeout: timeout) { Double(try state.selectBatch().slowQueries) },
        ]
    }

    static let thresholds: [Threshold] = [
        // Measured in a release build on a 2-core VM: 5.38 µs a select (median of the medians
        // of 20 samples in 5 processes, 5.28-5.54 µs; single samples from 4.1 to 7.1 µs; the
        // database suite's `select` has a median of 4.35 µs); about 5x and 20x that. The first
        // sample, which also creates and fills the table, took 22-25 ms in all.
        Threshold(metric: queryTime, unit: .nanoseconds, warning: .atMost(27_000), critical: .atMost(110_000)),
        // A select takes about 5 µs, so one over the 1 ms threshold is 200 times slow: a lock
        // held by a writer, a checkpoint, or the machine stalling the process. One such select
        // in a batch is a busy neighbour; a few are a warning, a quarter of the batch critical.
        Threshold(
            metric: slowQueries, unit: .count,
            warning: .atMost(2), critical: .atMost(Double(DatabaseProbeWorkload.batch / 4))
        ),
    ]
}

enum DatabaseProbeWorkload {
    /// Selects per call.
    static let batch = 64
    /// What the repository's slow query log counts: a select 200 times its usual time.
    static let slowQueryThreshold: Duration = .milliseconds(1)
}

/// What one batch of selects did.
struct DatabaseBatch {
    /// Mean wall time of a select.
    var nanosecondsPerSelect: Double
    /// Selects the repository counted as slow.
    var slowQueries: Int
}

/// The repository, opened on first use, and where the ids have got to.
final class DatabaseProbeState: Sendable {
    private let state = Mutex(State())

    struct State {
        var fixture: RepositoryFixture?
        /// The call index of the next id, as the suite's `select` numbers its calls.
        var nextIndex = 0
    }

    /// Opens and fills the repository if this is the first call, then times a batch of selects
    /// and returns the mean nanoseconds per select and how many were slow. Throws when the
    /// database cannot be opened or a row the table must hold is missing.
    func selectBatch() throws -> DatabaseBatch {
        try state.withLock { state in
            let fixture: RepositoryFixture
            if let existing = state.fixture {
                fixture = existing
            } else {
                fixture = try RepositoryFixture(prefilledRows: DatabaseWorkload.tableSize, holdingTransaction: false)
                fixture.repository.countSlowQueries(over: DatabaseProbeWorkload.slowQueryThreshold)
                state.fixture = fixture
            }
            let slowBefore = fixture.repository.slowQueries
            let first = state.nextIndex
            state.nextIndex &+= DatabaseProbeWorkload.batch
            let clock = MonotonicClock()
            var found = 0
            let start = clock.now()
            for index in first..<(first + DatabaseProbeWorkload.batch) {
                if try fixture.repository.find(id: DatabaseWorkload.existingID(index)) != nil { found += 1 }
            }
            let elapsed = clock.now() - start
            guard found == DatabaseProbeWorkload.batch else {
                throw DatabaseProbeError.missingRows(DatabaseProbeWorkload.batch - found)
            }
            return DatabaseBatch(
                nanosecondsPerSelect: Double(elapsed) / Double(DatabaseProbeWorkload.batch),
                slowQueries: fixture.repository.slowQueries - slowBefore
            )
        }
    }

    /// Closes the repository and removes its directory; the next call opens a new one.
    func close() {
        let fixture = state.withLock { state in
            defer { state.fixture = nil }
            return state.fixture
        }
        try? fixture?.close()
    }

    deinit {
        close()
    }
}

/// Why a `database.query-time` sample failed.
enum DatabaseProbeError: Error, CustomStringConvertible {
    case missingRows(Int)

    var description: String {
        switch self {
        case .missingRows(let count): "\(count) of the table's rows were not found"
        }
    }
}
