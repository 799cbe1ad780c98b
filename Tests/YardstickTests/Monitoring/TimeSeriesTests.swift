import Foundation
import XCTest
@testable import Yardstick

/// ``TimeSeries`` and ``MonitorRetention``: a ring buffer bounded by age and by count.
final class TimeSeriesTests: XCTestCase {
    private typealias F = MonitorFixtures

    /// The slots the ring buffer has allocated, read through reflection: the bound on memory.
    private func allocatedSlots(_ series: TimeSeries) -> Int? {
        Mirror(reflecting: series).children.first { $0.label == "storage" }.map { ($0.value as? [TimeSeries.Point])?.count ?? -1 }
    }

    func testAnEmptySeries() {
        let series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(10), maxPoints: 5))
        XCTAssertEqual(series.count, 0)
        XCTAssertNil(series.latest)
        XCTAssertEqual(series.points, [])
        XCTAssertNil(series.summary())
    }

    func testCountLimitKeepsTheNewestInOrder() {
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(3_600), maxPoints: 5))
        for index in 0..<12 {
            series.append(Double(index), at: F.time(Double(index)))
        }
        XCTAssertEqual(series.count, 5)
        XCTAssertEqual(series.values, [7, 8, 9, 10, 11])
        XCTAssertEqual(series.points.map(\.time), (7..<12).map { F.time(Double($0)) })
        XCTAssertEqual(series.latest?.value, 11)
        XCTAssertEqual(allocatedSlots(series), 5)
    }

    func testCountLimitAtEveryStepOfTheWrap() {
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(3_600), maxPoints: 3))
        var expected: [Double] = []
        for index in 0..<10 {
            series.append(Double(index), at: F.time(Double(index)))
            expected = Array((expected + [Double(index)]).suffix(3))
            XCTAssertEqual(series.values, expected, "after appending \(index)")
        }
    }

    func testAMaximumOfOnePoint() {
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(60), maxPoints: 1))
        series.append(1, at: F.time(0))
        series.append(2, at: F.time(1))
        XCTAssertEqual(series.values, [2])
        XCTAssertEqual(series.latest?.value, 2)
    }

    func testAgeLimitDropsOldPointsOnAppend() {
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(10), maxPoints: 100))
        for second in [0.0, 3, 6, 9] {
            series.append(second, at: F.time(second))
        }
        XCTAssertEqual(series.values, [0, 3, 6, 9])
        // At t = 10 the point from t = 0 is exactly 10 s old: still kept.
        series.append(10, at: F.time(10))
        XCTAssertEqual(series.values, [0, 3, 6, 9, 10])
        // At t = 14 the points from 0 and 3 are older than 10 s.
        series.append(14, at: F.time(14))
        XCTAssertEqual(series.values, [6, 9, 10, 14])
        // A long gap leaves only the new point.
        series.append(100, at: F.time(100))
        XCTAssertEqual(series.values, [100])
    }

    func testAgeLimitDropsOldPointsWithoutAnAppend() {
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(10), maxPoints: 100))
        series.append(1, at: F.time(0))
        series.append(2, at: F.time(5))
        series.dropExpired(now: F.time(10))
        XCTAssertEqual(series.values, [1, 2])
        series.dropExpired(now: F.time(10.5))
        XCTAssertEqual(series.values, [2])
        series.dropExpired(now: F.time(60))
        XCTAssertEqual(series.values, [])
        XCTAssertNil(series.latest)
        XCTAssertNil(series.summary())
        // And it fills again after being emptied.
        series.append(3, at: F.time(61))
        XCTAssertEqual(series.values, [3])
    }

    func testMixedLimitsAndTheRegrowPath() {
        // Age 5 s, 4 points: expiry moves the head, then appends wrap and the buffer regrows.
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(5), maxPoints: 4))
        for second in [0.0, 1, 2] { series.append(second, at: F.time(second)) }
        series.append(7, at: F.time(7))           // drops 0 and 1 (older than t = 2)
        XCTAssertEqual(series.values, [2, 7])
        series.append(8, at: F.time(8))           // drops 2
        series.append(9, at: F.time(9))
        series.append(10, at: F.time(10))
        XCTAssertEqual(series.values, [7, 8, 9, 10])
        series.append(11, at: F.time(11))         // the count limit drops 7
        XCTAssertEqual(series.values, [8, 9, 10, 11])
        series.append(16, at: F.time(16))         // count drops 8, age drops 9 and 10
        XCTAssertEqual(series.values, [11, 16])
        XCTAssertEqual(allocatedSlots(series), 4)
    }

    func testMixedLimitsBelowTheCountLimitAfterAWrap() {
        // Points expire from a wrapped buffer that is not full, then new points fill the gap.
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(10), maxPoints: 6))
        var model: [(Double, Double)] = []
        var time = 0.0
        for step in 0..<200 {
            time += [0.5, 1, 3, 7, 12][step % 5]
            series.append(Double(step), at: F.time(time))
            model.append((time, Double(step)))
            model = Array(model.suffix(6)).filter { $0.0 >= time - 10 }
            XCTAssertEqual(series.values, model.map(\.1), "step \(step)")
        }
        XCTAssertLessThanOrEqual(allocatedSlots(series) ?? .max, 6)
    }

    func testMemoryStaysBoundedOverAMillionAppends() {
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(3_600), maxPoints: 10_000))
        let start = F.start
        for index in 0..<1_000_000 {
            series.append(Double(index), at: start.addingTimeInterval(Double(index) / 1_000))
        }
        XCTAssertEqual(series.count, 10_000)
        XCTAssertEqual(allocatedSlots(series), 10_000, "the ring never allocates past its limit")
        let values = series.values
        XCTAssertEqual(values.first, 990_000)
        XCTAssertEqual(values.last, 999_999)
        XCTAssertEqual(values, (990_000..<1_000_000).map(Double.init))
    }

    func testSummaryOfTheWindow() throws {
        var series = TimeSeries(retention: MonitorRetention(maxAge: .seconds(3_600), maxPoints: 4))
        for (index, value) in [100.0, 1, 2, 3, 4].enumerated() {
            series.append(value, at: F.time(Double(index)))
        }
        // 100 was pushed out by the count limit.
        let summary = try XCTUnwrap(series.summary())
        XCTAssertEqual(summary.count, 4)
        XCTAssertEqual(summary.min, 1)
        XCTAssertEqual(summary.max, 4)
        XCTAssertEqual(summary.mean, 2.5)
        // python3 -c "import numpy as np; print(np.percentile([1,2,3,4], 95))"  ->  3.8499999999999996
        XCTAssertEqual(summary.p95, 3.8499999999999996)
    }

    func testRetentionCodesSecondsAndPoints() throws {
        let retention = MonitorRetention(maxAge: .milliseconds(90_500), maxPoints: 42)
        let data = try JSONEncoder().encode(retention)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["maxAgeSeconds"] as? Double, 90.5)
        XCTAssertEqual(object["maxPoints"] as? Int, 42)
        XCTAssertEqual(try JSONDecoder().decode(MonitorRetention.self, from: data), retention)
    }

    func testRetentionRoundTripsWithoutLosingAMillisecond() throws {
        // 1.005 × 1000 is 1004.9999999999999 in binary floating point.
        for retention in [MonitorRetention(maxAge: .milliseconds(1_005), maxPoints: 3),
                          MonitorRetention(maxAge: .microseconds(1_500), maxPoints: 1),
                          MonitorRetention()] {
            let data = try JSONEncoder().encode(retention)
            XCTAssertEqual(try JSONDecoder().decode(MonitorRetention.self, from: data), retention, "\(retention.maxAge)")
        }
    }

    func testAnInvalidRetentionIsADecodingErrorNotATrap() {
        for json in [#"{"maxAgeSeconds": 0, "maxPoints": 5}"#, #"{"maxAgeSeconds": -1, "maxPoints": 5}"#,
                     #"{"maxAgeSeconds": 1e300, "maxPoints": 5}"#, #"{"maxAgeSeconds": 60, "maxPoints": 0}"#] {
            XCTAssertThrowsError(try JSONDecoder().decode(MonitorRetention.self, from: Data(json.utf8)), json) { error in
                XCTAssertTrue(error is DecodingError, "\(error)")
            }
        }
    }

    func testMonitorDropsExpiredPointsWhenRead() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(retention: MonitorRetention(maxAge: .seconds(10), maxPoints: 100), clock: clock)
        await monitor.record(1, for: "m")
        clock.advance(by: .seconds(6))
        await monitor.record(2, for: "m")
        var points = await monitor.points(of: "m")
        XCTAssertEqual(points.map(\.value), [1, 2])
        XCTAssertEqual(points.map(\.time), [F.time(0), F.time(6)])

        clock.advance(by: .seconds(5))            // t = 11: the first point is 11 s old
        points = await monitor.points(of: "m")
        XCTAssertEqual(points.map(\.value), [2])
        var snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics.first?.window?.count, 1)
        XCTAssertEqual(snapshot.metrics.first?.latest, 2)

        clock.advance(by: .seconds(10))           // t = 21: nothing left in the window
        points = await monitor.points(of: "m")
        XCTAssertEqual(points.map(\.value), [])
        snapshot = await monitor.snapshot()
        XCTAssertNil(snapshot.metrics.first?.window)
        XCTAssertNil(snapshot.metrics.first?.latest)
        XCTAssertNil(snapshot.metrics.first?.latestAt)
        XCTAssertEqual(snapshot.metrics.map(\.name), ["m"], "the metric stays on the dashboard")
    }

    func testMonitorKeepsAtMostMaxPointsPerMetric() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(retention: MonitorRetention(maxAge: .seconds(3_600), maxPoints: 5), clock: clock)
        for index in 0..<12 {
            await monitor.record(Double(index), for: "m")
            await monitor.record(Double(-index), for: "n")
            clock.advance(by: .milliseconds(250))
        }
        let m = await monitor.points(of: "m")
        let n = await monitor.points(of: "n")
        XCTAssertEqual(m.map(\.value), [7, 8, 9, 10, 11])
        XCTAssertEqual(n.map(\.value), [-7, -8, -9, -10, -11])
        let none = await monitor.points(of: "absent")
        XCTAssertEqual(none, [])
    }
}

/// The default retention: the seed system's 24 hours, which costs little (see ``MonitorRetention``).
final class DefaultRetentionTests: XCTestCase {
    func testTheDefaultKeepsADayOfPointsAtTheDefaultInterval() {
        let retention = MonitorRetention()
        XCTAssertEqual(retention.maxAge, .seconds(86_400))
        let interval = MonitorOptions().interval
        let pointsPerDay = Int(86_400 / interval.seconds)
        XCTAssertEqual(pointsPerDay, 2_880)
        XCTAssertLessThanOrEqual(pointsPerDay, retention.maxPoints, "the point cap does not cut a day short")
        XCTAssertEqual(MemoryLayout<TimeSeries.Point>.stride, 16, "the documented 46 KB a day per metric")
    }

    func testADayOfSamplesIsKeptAndTheNextDaysPushItOut() {
        var series = TimeSeries(retention: MonitorRetention())
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<2_880 { series.append(Double(index), at: start.addingTimeInterval(30 * Double(index))) }
        XCTAssertEqual(series.count, 2_880)
        series.append(2_880, at: start.addingTimeInterval(86_400 + 30))
        XCTAssertEqual(series.points.first?.value, 1, "the point 24 hours old stays, the older one goes")
    }
}
