import Foundation
import XCTest
@testable import ServerComponents

final class SchemaTests: XCTestCase {
    private let order = Schema.object {
        Field.required("id", .integer(minimum: 1))
        Field.required("customer", .object {
            Field.required("name", .string(minLength: 1, maxLength: 40))
            Field.required("email", .string(format: .email))
            Field.required("address", .object {
                Field.required("street", .string(minLength: 1))
                Field.required("zip", .string(pattern: try! Pattern("^[0-9]{5}$")))
            })
        })
        Field.required("items", .array(of: .object {
            Field.required("sku", .string(pattern: try! Pattern("^[A-Z]{3}-[0-9]{4}$")))
            Field.required("quantity", .integer(minimum: 1, maximum: 100))
            Field.required("price", .number(minimum: 0))
        }, minCount: 1, maxCount: 3))
        Field.optional("note", .string(maxLength: 10))
        Field.optional("gift", .boolean)
    }

    private let validOrder: JSONValue = [
        "id": 42,
        "customer": [
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "address": ["street": "12 St James's Square", "zip": "10001"],
        ],
        "items": [
            ["sku": "ABC-1234", "quantity": 2, "price": 9.5],
            ["sku": "XYZ-0001", "quantity": 1, "price": 0],
        ],
        "gift": false,
    ]

    func testAValidDocumentHasNoFailures() {
        XCTAssertEqual(order.validate(validOrder), [])
    }

    func testEveryFailureIsReportedWithItsPathInDocumentOrder() {
        let document: JSONValue = [
            "id": 0,
            "customer": [
                "name": "",
                "email": "ada@",
                "address": ["zip": "1000"],
            ],
            "items": [
                ["sku": "ABC-1234", "quantity": 2, "price": 9.5],
                ["sku": "abc-1234", "quantity": 101, "price": -1],
                ["quantity": "2", "price": 1],
                ["sku": "ABC-1234", "quantity": 1.5, "price": true],
            ],
            "note": "far too long for a note",
            "gift": "yes",
        ]
        XCTAssertEqual(order.validate(document).map(\.description), [
            "id: 0 is below the minimum of 1",
            "customer.name: length 0 is below the minimum of 1",
            "customer.email: is not a valid email",
            "customer.address.street: required field is missing",
            "customer.address.zip: does not match the pattern ^[0-9]{5}$",
            "items: 4 elements, above the maximum of 3",
            "items[1].sku: does not match the pattern ^[A-Z]{3}-[0-9]{4}$",
            "items[1].quantity: 101 is above the maximum of 100",
            "items[1].price: -1 is below the minimum of 0.0",
            "items[2].sku: required field is missing",
            "items[2].quantity: expected integer, found string",
            "items[3].quantity: expected integer, found number",
            "items[3].price: expected number, found boolean",
            "note: length 23 is above the maximum of 10",
            "gift: expected boolean, found string",
        ])
    }

    func testFailuresCarryStructuredPathsAndProblems() {
        let failures = order.validate(["id": 1, "customer": ["name": "A", "email": "a@b", "address": ["street": "x", "zip": 12345]], "items": []])
        XCTAssertEqual(failures, [
            ValidationFailure(path: JSONPath([.field("customer"), .field("address"), .field("zip")]), problem: .wrongKind(expected: .string, found: .integer)),
            ValidationFailure(path: JSONPath([.field("items")]), problem: .tooFewElements(count: 0, minimum: 1)),
        ])
    }

    func testAWrongKindAtTheRootIsOneFailure() {
        XCTAssertEqual(order.validate([1, 2]).map(\.description), ["(root): expected object, found array"])
        XCTAssertEqual(order.validate(nil).map(\.description), ["(root): expected object, found null"])
    }

    func testOptionalFieldsMayBeAbsentButNotInvalid() {
        let schema = Schema.object { Field.optional("age", .integer(minimum: 0)) }
        XCTAssertEqual(schema.validate([:]), [])
        XCTAssertEqual(schema.validate(["age": 3]), [])
        XCTAssertEqual(schema.validate(["age": -3]).map(\.description), ["age: -3 is below the minimum of 0"])
        XCTAssertEqual(schema.validate(["age": nil]).map(\.description), ["age: expected integer, found null"])
    }

    func testNullableAcceptsNullAndOtherwiseTheSchema() {
        let schema = Schema.object { Field.required("age", Schema.integer(minimum: 0).nullable()) }
        XCTAssertEqual(schema.validate(["age": nil]), [])
        XCTAssertEqual(schema.validate(["age": 3]), [])
        XCTAssertEqual(schema.validate(["age": "3"]).map(\.description), ["age: expected integer, found string"])
        XCTAssertEqual(schema.validate([:]).map(\.description), ["age: required field is missing"])
    }

    func testUnknownFieldsAreAllowedUnlessRejectedAndThenReportedByName() {
        let open = Schema.object { Field.required("a", .any) }
        let closed = Schema.object(rejectingUnknownFields: true) { Field.required("a", .any) }
        let document: JSONValue = ["a": 1, "zeta": 2, "beta": 3]
        XCTAssertEqual(open.validate(document), [])
        XCTAssertEqual(closed.validate(document).map(\.description), ["beta: field is not allowed", "zeta: field is not allowed"])
    }

    func testIntegersIncludeWholeNumbersAndBoundsAreInclusive() {
        let schema = Schema.integer(minimum: -2, maximum: 2)
        for valid: JSONValue in [-2, 2, 0, 2.0, -0.0] {
            XCTAssertEqual(schema.validate(valid), [], "\(valid)")
        }
        XCTAssertEqual(schema.validate(3).map(\.description), ["(root): 3 is above the maximum of 2"])
        XCTAssertEqual(schema.validate(3.0).map(\.description), ["(root): 3.0 is above the maximum of 2"])
        XCTAssertEqual(schema.validate(0.5).map(\.description), ["(root): expected integer, found number"])
        // Whole numbers beyond Int's range are integers, beyond any bound on their side.
        XCTAssertEqual(schema.validate(.number(1e30)).map(\.description), ["(root): 1e+30 is above the maximum of 2"])
        XCTAssertEqual(schema.validate(.number(-1e30)).map(\.description), ["(root): -1e+30 is below the minimum of -2"])
        XCTAssertEqual(Schema.integer().validate(.number(1e30)), [])
    }

    func testNumbersAcceptIntegersAndCompareAsDoubles() {
        let schema = Schema.number(minimum: 0.5, maximum: 1.5)
        XCTAssertEqual(schema.validate(1), [])
        XCTAssertEqual(schema.validate(0.5), [])
        XCTAssertEqual(schema.validate(1.5), [])
        XCTAssertEqual(schema.validate(0.49).map(\.description), ["(root): 0.49 is below the minimum of 0.5"])
        XCTAssertEqual(schema.validate(2).map(\.description), ["(root): 2 is above the maximum of 1.5"])
    }

    func testStringLengthsCountUnicodeScalars() {
        let schema = Schema.string(minLength: 2, maxLength: 3)
        XCTAssertEqual(schema.validate("ab"), [])
        XCTAssertEqual(schema.validate("😀😀😀"), [], "three scalars, twelve bytes")
        XCTAssertEqual(schema.validate("e\u{301}"), [], "e and a combining accent are two scalars")
        XCTAssertEqual(schema.validate("😀").map(\.description), ["(root): length 1 is below the minimum of 2"])
        XCTAssertEqual(schema.validate("abcd").map(\.description), ["(root): length 4 is above the maximum of 3"])
        XCTAssertEqual(Schema.string(minLength: 1).validate("").map(\.description), ["(root): length 0 is below the minimum of 1"])
    }

    func testAStringReportsItsLengthPatternAndFormatFailuresTogether() {
        let schema = Schema.string(maxLength: 5, pattern: try! Pattern("^[a-z]+$"), format: .email)
        XCTAssertEqual(schema.validate("Not an address").map(\.description), [
            "(root): length 14 is above the maximum of 5",
            "(root): does not match the pattern ^[a-z]+$",
            "(root): is not a valid email",
        ])
    }

    func testArraysCheckCountsAndEveryElement() {
        let schema = Schema.array(of: .string(minLength: 2), minCount: 2, maxCount: 3)
        XCTAssertEqual(schema.validate(["ab", "cd"]), [])
        XCTAssertEqual(schema.validate(["a"]).map(\.description), [
            "(root): 1 elements, below the minimum of 2",
            "[0]: length 1 is below the minimum of 2",
        ])
        XCTAssertEqual(Schema.array(of: .array(of: .boolean)).validate([[true], [false, 1]]).map(\.description), [
            "[1][1]: expected boolean, found integer",
        ])
    }

    func testPathsQuoteNamesThatAreNotIdentifiers() {
        let schema = Schema.object {
            Field.required("first name", .string())
            Field.required("a.b", .object { Field.required("say \"hi\"\n", .string()) })
            Field.required("2fa", .boolean)
        }
        XCTAssertEqual(schema.validate(["a.b": [:]]).map(\.description), [
            #"["first name"]: required field is missing"#,
            #"["a.b"]["say \"hi\"\n"]: required field is missing"#,
            #"["2fa"]: required field is missing"#,
        ])
    }

    func testFieldsCanBeListedConditionallyAndInLoops() {
        let strict = true
        let schema = Schema.object {
            Field.required("id", .integer())
            if strict {
                Field.required("token", .string())
            } else {
                Field.optional("token", .string())
            }
            for name in ["x", "y"] {
                Field.required(name, .number())
            }
        }
        XCTAssertEqual(schema.validate(["id": 1]).map(\.description), [
            "token: required field is missing", "x: required field is missing", "y: required field is missing",
        ])
    }

    func testDecodesJSONKeepingIntegersExact() throws {
        let json = #"{"a": 9007199254740993, "b": 1.5, "c": [true, null, "s"], "d": {}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        XCTAssertEqual(value, ["a": .integer(9_007_199_254_740_993), "b": 1.5, "c": [true, nil, "s"], "d": [:]])
        let roundTrip = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        XCTAssertEqual(roundTrip, value)
    }
}
