import Foundation
import XCTest
@testable import Yardstick

final class ABRunnerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ab-runner-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testAnExecutableThatDoesNotAnswerItsVersionIsStoppedAndRefused() throws {
        let hanging = folder.appendingPathComponent("hangs")
        // exec: the shell becomes sleep, so killing the child leaves nothing holding its pipes.
        try Data("#!/bin/sh\nexec sleep 60\n".utf8).write(to: hanging)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hanging.path)
        let build = ABBuild(executable: hanging, description: "hangs", commit: nil, isLayoutControlled: false)
        XCTAssertThrowsError(try ABRunner.verify(build, side: .base, timeout: .milliseconds(300))) { error in
            let error = error as! ABRunError
            XCTAssertTrue(error.isInputError)
            XCTAssertEqual(
                error.description,
                "the base executable (hangs) refused to measure: it is not a Yardstick bench executable "
                    + "(asked for --version, it had not answered after 0.3 seconds, so it was stopped)"
            )
        }
    }

    /// A script that answers `--version` as a bench executable does; it is never asked to measure.
    private func benchExecutable(_ name: String) throws -> ABBuild {
        let url = folder.appendingPathComponent(name)
        try Data("#!/bin/sh\necho 'bench (Yardstick) 0.1.0'\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return ABBuild(executable: url, description: name)
    }

    /// Runs a comparison of 2 processes a side whose processes stand in for the children: each
    /// times `s.near` with the plan it is given; without one, the first process to run chooses
    /// batches of 8 and any later one per call. Returns each process's side and the plans it was
    /// given, in run order, and the measurement.
    private func plansGiven(seed: UInt64, baseTakesPlans: Bool = true) throws -> (processes: [(ABSide, PriorTimingPlans?)], measurement: ABMeasurement) {
        let given = Recorder<String>()
        let plans = Recorder<PriorTimingPlans?>()
        var runner = ABRunner(
            base: try benchExecutable("base"), head: try benchExecutable("head"),
            schedule: ABSchedule(processesPerSide: 2, seed: seed)
        )
        runner.acceptsTimingPlans = { executable in baseTakesPlans || !executable.path.contains("/base-") }
        runner.measureProcess = { child, output throws(MeasuringProcessError) in
            let first = plans.values.isEmpty
            given.append(output.lastPathComponent)
            let given: PriorTimingPlans?
            do {
                given = try ChildArguments.timingPlans(try child.prepareArguments(output: output))
            } catch {
                throw .refused(executable: child.executable.path, reason: "\(error)")
            }
            plans.append(given)
            let size = given?.batchSizes["s.near"] ?? (first ? 8 : 1)
            return JudgementFixtures.run([JudgementFixtures.benchmark("s.near", processes: [[100]], batchSize: size)])
        }
        let measurement = try runner.run(in: folder.appendingPathComponent("run-\(seed)-\(baseTakesPlans)"))
        let processes = zip(given.values, plans.values).map { folder, plans in (folder.hasPrefix("base") ? ABSide.base : .head, plans) }
        return (processes, measurement)
    }

    func testBothSidesReuseThePlansOfTheRunsFirstProcess() throws {
        let decided = PriorTimingPlans(rule: .reuse, batchSizes: ["s.near": 8])
        var firstSides: Set<ABSide> = []
        for seed: UInt64 in [1, 2, 3, 4] {
            let (processes, measurement) = try plansGiven(seed: seed)
            firstSides.insert(processes[0].0)
            XCTAssertEqual(processes.count, 4)
            for side in [measurement.base, measurement.head] {
                XCTAssertEqual(side.benchmark(named: "s.near")?.batchSize, 8)
                XCTAssertNil(side.benchmark(named: "s.near")?.failure, "its processes agree")
            }
            XCTAssertNil(processes[0].1, "the first process decides")
            XCTAssertEqual(Set(processes.map(\.0)), [.base, .head])
            for (side, plans) in processes.dropFirst() {
                XCTAssertEqual(plans, decided, "a later \(side) process, seed \(seed)")
            }
        }
        XCTAssertEqual(firstSides, [.base, .head], "the seeds start with either side")
    }

    func testABaseTooOldToTakePlansChoosesItsOwnAndTheHeadStillFollowsTheFirstProcess() throws {
        let decided = PriorTimingPlans(rule: .reuse, batchSizes: ["s.near": 8])
        for seed: UInt64 in [1, 2, 3, 4] {
            let processes = try plansGiven(seed: seed, baseTakesPlans: false).processes
            for (index, (side, plans)) in processes.enumerated() {
                XCTAssertEqual(plans, side == .base || index == 0 ? nil : decided, "process \(index + 1) (\(side)), seed \(seed)")
            }
        }
    }
}
