import Yardstick

/// Every suite `swift run -c release bench` runs, in the order they run.
public let referenceSuites: [Suite] = [
    harnessSuite,
    cacheSuite,
    rateLimitingSuite,
    loggingSuite,
    validationSuite,
    databaseSuite,
    monitorSuite,
]
