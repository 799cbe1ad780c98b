import XCTest
@testable import ServerComponents

final class PatternTests: XCTestCase {
    /// Every pattern against every input, against Python's `re` as the reference.
    func testMatchesAsPythonsReDoesForTheSameSyntax() throws {
        for (source, expected) in expectations {
            let pattern = try Pattern(source)
            let actual = String(inputs.map { pattern.matches($0) ? "1" : "0" })
            XCTAssertEqual(actual, expected, "pattern \(source)")
        }
    }

    func testEndAnchorIsTheEndOfInputAsInECMAScript() throws {
        // Python's and Perl's `$` also match before a final newline; ECMAScript's does not.
        XCTAssertFalse(try Pattern("^a$").matches("a\n"))
        XCTAssertTrue(try Pattern("^a\\n$").matches("a\n"))
    }

    func testDotMatchesAnyScalarButALineTerminator() throws {
        let pattern = try Pattern("^.$")
        XCTAssertTrue(pattern.matches("é"))
        XCTAssertTrue(pattern.matches("😀"))
        for terminator in ["\n", "\r", "\u{2028}", "\u{2029}"] {
            XCTAssertFalse(pattern.matches(terminator), "\(terminator.unicodeScalars.first!.value)")
        }
    }

    func testLengthsCountUnicodeScalars() throws {
        // "é" as e + combining acute is two scalars.
        XCTAssertTrue(try Pattern("^.{2}$").matches("e\u{301}"))
        XCTAssertTrue(try Pattern("^.$").matches("\u{E9}"))
    }

    func testWhitespaceClassIsECMAScripts() throws {
        let pattern = try Pattern("^\\s$")
        for space in ["\u{A0}", "\u{2003}", "\u{FEFF}", "\u{3000}", "\t"] {
            XCTAssertTrue(pattern.matches(space), "\(space.unicodeScalars.first!.value)")
        }
        XCTAssertFalse(pattern.matches("\u{200B}"), "a zero-width space is not white space")
    }

    func testUnicodeEscapesAndRangesBeyondASCII() throws {
        let pattern = try Pattern("^[\\u00e0-\\u00ff\\u{1F600}]+$")
        XCTAssertTrue(pattern.matches("àéÿ😀"))
        XCTAssertFalse(pattern.matches("aé"))
        XCTAssertTrue(try Pattern("^[^\\u00e0-\\u00ff]$").matches("a"))
        XCTAssertFalse(try Pattern("^[^\\u00e0-\\u00ff]$").matches("é"))
    }

    func testNestedQuantifiersTakeLinearTime() throws {
        // Exponential in a backtracking engine: 2^40 ways to split the a's before failing.
        let pattern = try Pattern("^(a+)+$")
        XCTAssertFalse(pattern.matches(String(repeating: "a", count: 40) + "!"))
        XCTAssertTrue(pattern.matches(String(repeating: "a", count: 10_000)))
    }

    func testEmptyLoopsTerminate() throws {
        XCTAssertTrue(try Pattern("^(a*)*$").matches("aaa"))
        XCTAssertFalse(try Pattern("^(a*)*$").matches("aab"))
        XCTAssertTrue(try Pattern("^(a?){3}b$").matches("ab"))
    }

    func testInvalidPatternsNameTheProblemAndOffset() {
        let cases: [(String, String)] = [
            ("a{2", #"invalid pattern "a{2": unterminated repetition at offset 1"#),
            ("(ab", #"invalid pattern "(ab": ( without a matching ) at offset 0"#),
            ("ab)", #"invalid pattern "ab)": ) without a matching ( at offset 2"#),
            ("[a-", #"invalid pattern "[a-": [ without a matching ] at offset 0"#),
            ("*a", #"invalid pattern "*a": nothing to repeat at offset 0"#),
            ("a**", #"invalid pattern "a**": nothing to repeat: a quantifier follows a quantifier at offset 2"#),
            ("a{2}{3}", #"invalid pattern "a{2}{3}": nothing to repeat: a quantifier follows a quantifier at offset 4"#),
            ("^*", #"invalid pattern "^*": an anchor cannot be repeated at offset 0"#),
            ("(a)\\1", #"invalid pattern "(a)\1": backreferences are not supported at offset 3"#),
            ("a(?=b)", #"invalid pattern "a(?=b)": lookahead is not supported at offset 1"#),
            ("(?<!a)b", #"invalid pattern "(?<!a)b": lookbehind is not supported at offset 0"#),
            ("[z-a]", #"invalid pattern "[z-a]": range out of order in class at offset 1"#),
            ("[\\d-z]", #"invalid pattern "[\d-z]": a class such as \d cannot bound a range at offset 1"#),
            ("a{3,2}", #"invalid pattern "a{3,2}": repetition {3,2} is out of order at offset 1"#),
            ("a{1001}", #"invalid pattern "a{1001}": repetition count above 1000 at offset 1"#),
            ("a{,3}", #"invalid pattern "a{,3}": a repetition needs a count: {n}, {n,} or {n,m} at offset 1"#),
            ("\\e", #"invalid pattern "\e": unknown escape \e at offset 0"#),
            ("\\x4", #"invalid pattern "\x4": invalid hexadecimal escape at offset 0"#),
            ("\\uD800", #"invalid pattern "\uD800": escape of a surrogate code point at offset 0"#),
            ("a\\", #"invalid pattern "a\": \ at the end of the pattern at offset 1"#),
            ("(\\w{1000}){30}", #"invalid pattern "(\w{1000}){30}": the pattern compiles to more than 20000 instructions at offset 0"#),
        ]
        for (source, message) in cases {
            XCTAssertThrowsError(try Pattern(source), source) { error in
                XCTAssertEqual((error as? PatternError)?.description, message)
            }
        }
    }

    func testPatternsAreEqualByTheirSource() throws {
        XCTAssertEqual(try Pattern("^a+$"), try Pattern("^a+$"))
        XCTAssertNotEqual(try Pattern("^a+$"), try Pattern("^a*$"))
        XCTAssertEqual(try Pattern("^a+$").description, "^a+$")
    }
}

// python3 gen.py (Python 3.11.7, re with re.ASCII; $ translated to \Z, (?<name> to (?P<name>)
private let inputs: [String] = [
    "",
    "a",
    "ab",
    "abc",
    "cat",
    "concat",
    "cat dog",
    "94103",
    "94103-1234",
    "9410",
    "941033",
    "US",
    "usa",
    "color",
    "colour",
    "abab",
    "abcd",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    "x@y.z",
    "x@@y",
    "SKU-AB12",
    "-12.5",
    "+7",
    "1.",
    "ab-c_d.e",
    "ABCA",
    "été",
    "abcbcd",
    "aab",
    "-a-",
    "]\\",
    ".*+",
    "555-1234",
    "a b\tc",
    "aaaa",
    "aaaaaa",
    "aaaaa",
    "bb",
    "b",
]
private let expectations: [(pattern: String, matches: String)] = [
    (#"^[0-9]{5}$"#, "000000010000000000000000000000000000000"),
    (#"^[0-9]{5}(-[0-9]{4})?$"#, "000000011000000000000000000000000000000"),
    (#"^[A-Z]{2}$"#, "000000000001000000000000000000000000000"),
    (#"^[a-z0-9-]{3,32}$"#, "000111011110111111000000000111001011100"),
    (#"^\d{3}-\d{4}$"#, "000000000000000000000000000000001000000"),
    (#"colou?r"#, "000000000000011000000000000000000000000"),
    (#"^(ab|cd)+$"#, "001000000000000110000000000000000000000"),
    (#"^(a+)+$"#, "010000000000000000000000000000000011100"),
    (#"\bcat\b"#, "000010100000000000000000000000000000000"),
    (#"\Bcat"#, "000001000000000000000000000000000000000"),
    (#"^[^@\s]+@[^@\s]+$"#, "000000000000000000100000000000000000000"),
    (#"^SKU-[A-Z0-9]{4,8}$"#, "000000000000000000001000000000000000000"),
    (#"^$"#, "100000000000000000000000000000000000000"),
    (#""#, "111111111111111111111111111111111111111"),
    (#"a|b|"#, "111111111111111111111111111111111111111"),
    (#"^(?:\+|-)?\d+(?:\.\d+)?$"#, "000000010110000000000110000000000000000"),
    (#"^[\w.-]+$"#, "011111011111111111001101110111001011111"),
    (#"^[\x41-\x43]+$"#, "000000000000000000000000010000000000000"),
    (#"^\u00e9t\u00e9$"#, "000000000000000000000000001000000000000"),
    (#"^(a|ab)(c|bcd)(d*)$"#, "000100000000000010000000000000000000000"),
    (#"^.{2,4}$"#, "001110000101100110010011011011110010010"),
    (#"^a*?b$"#, "001000000000000001000000000010000000001"),
    (#"x*"#, "111111111111111111111111111111111111111"),
    (#"^[-a]+$"#, "010000000000000000000000000001000011100"),
    (#"^[a-]+$"#, "010000000000000000000000000001000011100"),
    (#"^[\]\\]+$"#, "000000000000000000000000000000100000000"),
    (#"^\.\*\+$"#, "000000000000000000000000000000010000000"),
    (#"^(?<word>[a-z]+) (?<word2>[a-z]+)$"#, "000000100000000000000000000000000000000"),
    (#"^[^a-z]*$"#, "100000011111000000001111010000111000000"),
    (#"^\S+$"#, "011111011111111111111111111111111011111"),
    (#"^\W+$"#, "000000000000000000000000000000110000000"),
    (#"^(a{2}){2,3}$"#, "000000000000000000000000000000000011000"),
    (#"b+$"#, "001000000000000101000000000010000000011"),
    (#"^(|a)b"#, "001100000000000110000000100100000000011"),
]
