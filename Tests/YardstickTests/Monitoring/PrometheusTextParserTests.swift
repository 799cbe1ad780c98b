import XCTest
@testable import Yardstick

/// The hand-written exposition parser against the format's rules and against real output.
final class PrometheusTextParserTests: XCTestCase {
    /// Output of the Python `prometheus_client` 0.26.0, pasted unchanged, made by:
    ///
    /// ```python
    /// # python3 -m venv /tmp/pc && /tmp/pc/bin/pip install prometheus_client
    /// from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Summary, generate_latest
    /// registry = CollectorRegistry()
    /// requests = Counter("http_requests", "Requests served.", ["method", "code"], registry=registry)
    /// requests.labels("GET", "200").inc(1027)
    /// requests.labels("POST", "500").inc(3)
    /// queue = Gauge("queue_depth", "Jobs waiting.\nSecond line with a \\ backslash.", ["queue"], registry=registry)
    /// queue.labels('say "hi"\\now\n').set(-2.5)
    /// queue.labels("empty").set(float("inf"))
    /// latency = Histogram("request_duration_seconds", "Request latency.", ["route"], buckets=(0.05, 0.1, 0.5), registry=registry)
    /// for value in (0.01, 0.07, 0.07, 0.3, 2.0):
    ///     latency.labels("/api").observe(value)
    /// size = Summary("response_size_bytes", "Response sizes.", ["route"], registry=registry)
    /// size.labels("/api").observe(512)
    /// size.labels("/api").observe(2048)
    /// print(generate_latest(registry).decode(), end="")
    /// ```
    static let pythonClientOutput = #"""
# HELP http_requests_total Requests served.
# TYPE http_requests_total counter
http_requests_total{code="200",method="GET"} 1027.0
http_requests_total{code="500",method="POST"} 3.0
# HELP http_requests_created Requests served.
# TYPE http_requests_created gauge
http_requests_created{code="200",method="GET"} 1.7963074119739647e+09
http_requests_created{code="500",method="POST"} 1.7963074119740481e+09
# HELP queue_depth Jobs waiting.\nSecond line with a \\ backslash.
# TYPE queue_depth gauge
queue_depth{queue="say \"hi\"\\now\n"} -2.5
queue_depth{queue="empty"} +Inf
# HELP request_duration_seconds Request latency.
# TYPE request_duration_seconds histogram
request_duration_seconds_bucket{le="0.05",route="/api"} 1.0
request_duration_seconds_bucket{le="0.1",route="/api"} 3.0
request_duration_seconds_bucket{le="0.5",route="/api"} 4.0
request_duration_seconds_bucket{le="+Inf",route="/api"} 5.0
request_duration_seconds_count{route="/api"} 5.0
request_duration_seconds_sum{route="/api"} 2.45
# HELP request_duration_seconds_created Request latency.
# TYPE request_duration_seconds_created gauge
request_duration_seconds_created{route="/api"} 1.796307411974147e+09
# HELP response_size_bytes Response sizes.
# TYPE response_size_bytes summary
response_size_bytes_count{route="/api"} 2.0
response_size_bytes_sum{route="/api"} 2560.0
# HELP response_size_bytes_created Response sizes.
# TYPE response_size_bytes_created gauge
response_size_bytes_created{route="/api"} 1.796307411974238e+09
"""#

    func testReadsThePythonClientsOutput() throws {
        let page = try PrometheusTextParser.parse(Self.pythonClientOutput)
        XCTAssertEqual(page.families.map(\.name), [
            "http_requests_total", "http_requests_created", "queue_depth", "request_duration_seconds",
            "request_duration_seconds_created", "response_size_bytes", "response_size_bytes_created",
        ])
        XCTAssertEqual(page.families.map(\.type), [.counter, .gauge, .gauge, .histogram, .gauge, .summary, .gauge])

        let requests = page.families[0]
        XCTAssertEqual(requests.help, "Requests served.")
        XCTAssertEqual(requests.samples, [
            PrometheusSample(name: "http_requests_total", labels: ["code": "200", "method": "GET"], value: 1027),
            PrometheusSample(name: "http_requests_total", labels: ["code": "500", "method": "POST"], value: 3),
        ])

        let queue = page.families[2]
        XCTAssertEqual(queue.help, "Jobs waiting.\nSecond line with a \\ backslash.")
        XCTAssertEqual(queue.samples.map(\.labels), [["queue": "say \"hi\"\\now\n"], ["queue": "empty"]])
        XCTAssertEqual(queue.samples.map(\.value), [-2.5, .infinity])

        let latency = page.families[3]
        XCTAssertEqual(latency.samples.map(\.name), [
            "request_duration_seconds_bucket", "request_duration_seconds_bucket", "request_duration_seconds_bucket",
            "request_duration_seconds_bucket", "request_duration_seconds_count", "request_duration_seconds_sum",
        ])
        XCTAssertEqual(latency.samples.compactMap { $0.labels["le"] }, ["0.05", "0.1", "0.5", "+Inf"])
        XCTAssertEqual(latency.samples.map(\.value), [1, 3, 4, 5, 5, 2.45])

        let size = page.families[5]
        XCTAssertEqual(size.samples.map(\.name), ["response_size_bytes_count", "response_size_bytes_sum"])
        XCTAssertEqual(size.samples.map(\.value), [2, 2560])
        XCTAssertEqual(page.samples(named: "response_size_bytes_created").first?.value ?? 0, 1.796307411974238e+09, accuracy: 1e-3)
    }

    func testReadsASummaryWithQuantilesTimestampsAndSpecialValues() throws {
        let text = """
            # A comment that is neither HELP nor TYPE.
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.5"} 0.012 1700000000000
            rpc_duration_seconds{quantile="0.99"} NaN -5
            rpc_duration_seconds_sum 1.7e+01
            rpc_duration_seconds_count 1024

            temperature { room = "hall" , } -Inf\t
            \tmemory_free +Inf
            """
        let page = try PrometheusTextParser.parse(text)
        XCTAssertEqual(page.families.map(\.name), ["rpc_duration_seconds", "temperature", "memory_free"])
        XCTAssertEqual(page.families.map(\.type), [.summary, .untyped, .untyped])
        XCTAssertEqual(page.families[0].samples, [
            PrometheusSample(name: "rpc_duration_seconds", labels: ["quantile": "0.5"], value: 0.012, timestamp: 1_700_000_000_000),
            PrometheusSample(name: "rpc_duration_seconds", labels: ["quantile": "0.99"], value: .nan, timestamp: -5),
            PrometheusSample(name: "rpc_duration_seconds_sum", value: 17),
            PrometheusSample(name: "rpc_duration_seconds_count", value: 1024),
        ])
        XCTAssertTrue(page.families[0].samples[1].value.isNaN)
        XCTAssertEqual(page.families[1].samples, [PrometheusSample(name: "temperature", labels: ["room": "hall"], value: -.infinity)])
        XCTAssertEqual(page.families[2].samples.first?.value, .infinity)
    }

    func testSelectsSamplesByNameAndLabels() throws {
        let page = try PrometheusTextParser.parse(Self.pythonClientOutput)
        XCTAssertEqual(page.samples(named: "http_requests_total").count, 2)
        XCTAssertEqual(page.samples(named: "http_requests_total", matching: ["code": "500"]).map(\.value), [3])
        XCTAssertEqual(page.samples(named: "http_requests_total", matching: ["code": "404"]), [])
    }

    func testEmptyAndCarriageReturnLines() throws {
        XCTAssertEqual(try PrometheusTextParser.parse(""), PrometheusExposition(families: []))
        let page = try PrometheusTextParser.parse("# TYPE up gauge\r\nup 1\r\n")
        XCTAssertEqual(page.families, [PrometheusFamily(name: "up", type: .gauge, samples: [PrometheusSample(name: "up", value: 1)])])
    }

    func testErrorsNameTheLineAndTheProblem() {
        let cases: [(String, String)] = [
            ("up 1\nup{job=\"a\\x\"} 1", "line 2: up: invalid escape sequence '\\x'"),
            ("up{job=\"a} 1", "line 1: up: a quoted label value is not closed"),
            ("up{job=a} 1", "line 1: up: the value of label job must be quoted"),
            ("up{job=\"a\",job=\"b\"} 1", "line 1: up: label job is given twice"),
            ("up{job=\"a\" x=\"b\"} 1", "line 1: up: expected ',' or '}' after label job"),
            ("up{1x=\"a\"} 1", "line 1: up: expected a label name or '}', got '1x'"),
            ("up", "line 1: up has no value"),
            ("up one", "line 1: up: 'one' is not a number"),
            ("up 0x10", "line 1: up: '0x10' is not a number"),
            ("up 1 soon", "line 1: up: 'soon' is not a timestamp in milliseconds"),
            ("up 1 17 extra", "line 1: up: unexpected 'extra' after the timestamp"),
            ("9up 1", "line 1: expected a metric name, got '9up'"),
            ("{job=\"a\"} 1", "line 1: expected a metric name, got '{job=\"a\"} 1'"),
            ("# TYPE up meter", "line 1: TYPE up: unknown type 'meter' (expected counter, gauge, histogram, summary or untyped)"),
            ("# TYPE up gauge\n# TYPE up gauge", "line 2: second TYPE line for up"),
            ("# HELP up a\n# HELP up b", "line 2: second HELP line for up"),
            ("up 1\n# TYPE up gauge", "line 2: TYPE line for up after its samples"),
            ("# HELP up ends in \\", "line 1: a backslash ends the line"),
            ("# TYPE h histogram\nh_bucket 1", "line 2: h_bucket is a histogram bucket without an 'le' label"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try PrometheusTextParser.parse(text), text) { error in
                XCTAssertEqual((error as? PrometheusParseError)?.description, message, text)
            }
        }
    }
}
