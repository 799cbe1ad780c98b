import Foundation
import XCTest
@testable import Yardstick

/// The series selection syntax of `--series`, and what each form reads from scrapes.
final class SeriesExpressionTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func page(_ text: String, after seconds: Double = 0) throws -> ScrapedPage {
        ScrapedPage(try PrometheusTextParser.parse(text), at: start.addingTimeInterval(seconds))
    }

    func testParsesEveryFormToItsCanonicalText() throws {
        let cases: [(String, String)] = [
            ("up", "up"),
            (#"http_request_duration_seconds{quantile="0.99"}"#, #"http_request_duration_seconds{quantile="0.99"}"#),
            (#" x { b = "2" , a="1", } "#, #"x{a="1",b="2"}"#),
            (#"x{path="a\"b\\c\nd"}"#, #"x{path="a\"b\\c\nd"}"#),
            ("sum(x)", "sum(x)"),
            (#"rate( http_requests_total{code="200"} )"#, #"rate(http_requests_total{code="200"})"#),
            ("histogram_quantile(0.99,latency)", "histogram_quantile(0.99, latency)"),
            ("histogram_quantile( 0.5 , rate(latency{route=\"/\"}))", "histogram_quantile(0.5, rate(latency{route=\"/\"}))"),
            ("sum", "sum"),
        ]
        for (text, canonical) in cases {
            XCTAssertEqual(try SeriesExpression(parsing: text).description, canonical, text)
        }
        XCTAssertEqual(try SeriesExpression(parsing: #"x{path="a\"b"}"#), .sample(SampleSelector(name: "x", labels: ["path": "a\"b"])))
    }

    func testSyntaxErrorsSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("", "expected a metric name"),
            ("9x", "'9x' is not a metric name"),
            ("(x)", "expected a metric name at '(x)'"),
            ("avg(x)", "unknown function 'avg' (expected sum, rate or histogram_quantile)"),
            ("rate(x", "rate(: expected ')'"),
            ("rate(x) + 1", "unexpected '+ 1' after the expression"),
            ("x{a!=\"b\"}", "x{: expected '=' after a (labels match by equality only)"),
            ("x{a=b}", "x{: the value of a must be in double quotes"),
            ("x{a=\"b}", "x{: the value of a is not closed"),
            ("x{a=\"\\t\"}", "x{: invalid escape in the value of a (expected \\\\, \\\" or \\n)"),
            ("x{a=\"1\",a=\"2\"}", "x{: a is given twice"),
            ("x{a=\"1\" b=\"2\"}", "x{: expected ',' or '}' after the value of a"),
            ("histogram_quantile(1.5, x)", "histogram_quantile's quantile must be a number from 0 to 1, got '1.5'"),
            ("histogram_quantile(0.9 x)", "histogram_quantile needs a quantile, a comma, and a histogram"),
            ("histogram_quantile(0.9, )", "histogram_quantile needs a histogram's name after the quantile"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try SeriesExpression(parsing: text), text) { error in
                XCTAssertEqual((error as? SeriesSyntaxError)?.message, message, text)
            }
        }
    }

    func testASampleSelectorNeedsExactlyOneMatch() throws {
        let scrape = try page(PrometheusTextParserTests.pythonClientOutput)
        XCTAssertEqual(try SeriesExpression(parsing: #"http_requests_total{code="500"}"#).evaluate(scrape, previous: nil), .value(3))
        XCTAssertEqual(try SeriesExpression(parsing: "http_requests_total").evaluate(scrape, previous: nil),
                       .failed("http_requests_total matches 2 samples: add labels, or use sum(...)"))
        XCTAssertEqual(try SeriesExpression(parsing: "absent").evaluate(scrape, previous: nil), .failed("no sample matches absent"))
        XCTAssertEqual(try SeriesExpression(parsing: "sum(http_requests_total)").evaluate(scrape, previous: nil), .value(1030))
    }

    func testARateIsTheIncreasePerSecondBetweenScrapesAndAResetGivesNoValue() throws {
        let rate = try SeriesExpression(parsing: "rate(requests_total)")
        let first = try page("requests_total{code=\"200\"} 100\nrequests_total{code=\"500\"} 4\n")
        let second = try page("requests_total{code=\"200\"} 130\nrequests_total{code=\"500\"} 14\nrequests_total{code=\"404\"} 9\n", after: 10)
        let restarted = try page("requests_total{code=\"200\"} 2\nrequests_total{code=\"500\"} 0\n", after: 20)
        XCTAssertEqual(rate.evaluate(first, previous: nil), .noValue("a rate needs two scrapes"))
        // (30 + 10) / 10 s; the 404 series appeared since, so it has no increase yet.
        XCTAssertEqual(rate.evaluate(second, previous: first), .value(4))
        XCTAssertEqual(rate.evaluate(restarted, previous: second), .noValue("requests_total went down since the previous scrape: a counter reset"))
        XCTAssertEqual(rate.evaluate(first, previous: first), .noValue("no time passed since the previous scrape"))
        XCTAssertTrue(rate.needsPreviousScrape)
    }

    func testAHistogramQuantileReadsTheBucketsAsTheyStandOrTheirIncrease() throws {
        let scrape = try page(PrometheusTextParserTests.pythonClientOutput)
        let cumulative = try SeriesExpression(parsing: #"histogram_quantile(0.5, request_duration_seconds{route="/api"})"#)
        guard case .value(let median) = cumulative.evaluate(scrape, previous: nil) else { return XCTFail("no value") }
        XCTAssertEqual(median, 0.0875, accuracy: 1e-12)

        let overRate = try SeriesExpression(parsing: "histogram_quantile(0.5, rate(latency))")
        let before = try page("""
            latency_bucket{le="0.1",pod="a"} 10
            latency_bucket{le="1",pod="a"} 10
            latency_bucket{le="+Inf",pod="a"} 10
            latency_bucket{le="0.1",pod="b"} 5
            latency_bucket{le="1",pod="b"} 5
            latency_bucket{le="+Inf",pod="b"} 5
            """)
        // Since then: pod a saw 2 calls ≤ 0.1 s and pod b 2 calls in (0.1, 1] s; summed by le:
        // 2 ≤ 0.1, 4 ≤ 1, 4 in all; rank 2 is reached in the first bucket → 0.1.
        let after = try page("""
            latency_bucket{le="0.1",pod="a"} 12
            latency_bucket{le="1",pod="a"} 12
            latency_bucket{le="+Inf",pod="a"} 12
            latency_bucket{le="0.1",pod="b"} 5
            latency_bucket{le="1",pod="b"} 7
            latency_bucket{le="+Inf",pod="b"} 7
            """, after: 15)
        XCTAssertEqual(overRate.evaluate(after, previous: before), .value(0.1))
        XCTAssertEqual(try SeriesExpression(parsing: "histogram_quantile(0.75, rate(latency))").evaluate(after, previous: before), .value(0.55))
        XCTAssertEqual(overRate.evaluate(before, previous: nil), .noValue("a rate needs two scrapes"))
        XCTAssertEqual(overRate.evaluate(before, previous: before), .noValue("nothing was observed since the previous scrape"))
        XCTAssertEqual(overRate.evaluate(before, previous: after), .noValue("latency_bucket went down since the previous scrape: a counter reset"))
    }

    func testAHistogramWithoutItsBucketsOrInfinityBucketIsAFailure() throws {
        let noInfinity = try page("latency_bucket{le=\"0.1\"} 3\n")
        let quantile = try SeriesExpression(parsing: "histogram_quantile(0.9, latency)")
        XCTAssertEqual(quantile.evaluate(noInfinity, previous: nil), .failed("histogram latency has no +Inf bucket"))
        XCTAssertEqual(try SeriesExpression(parsing: "histogram_quantile(0.9, absent)").evaluate(noInfinity, previous: nil),
                       .failed("no bucket of histogram absent matches"))
        let badBound = try page("latency_bucket{le=\"fast\"} 3\n")
        XCTAssertEqual(quantile.evaluate(badBound, previous: nil), .failed("latency_bucket has a bucket whose le is 'fast', not a number"))
    }
}
