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
}
