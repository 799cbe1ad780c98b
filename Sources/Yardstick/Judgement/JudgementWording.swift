/// How reasons and warnings are put into words when a judgement is encoded.
///
/// A results file records each reason and warning by its kind and fields, and beside them the
/// sentence reports print (`message`), so that people, and tools that predate the fields, can
/// still read it. The words belong to the reports, which come after the judgement, so the
/// encoder is handed them: `encoder.userInfo[.judgementWording]`. Without them the fields are
/// written alone.
public struct JudgementWording: Sendable {
    /// The sentence for a benchmark's reason.
    public var reason: @Sendable (JudgementReason) -> String
    /// The sentence for a run's warning.
    public var warning: @Sendable (RunWarning) -> String

    /// Wording by the given functions.
    public init(reason: @escaping @Sendable (JudgementReason) -> String, warning: @escaping @Sendable (RunWarning) -> String) {
        self.reason = reason
        self.warning = warning
    }
}

extension CodingUserInfoKey {
    /// The ``JudgementWording`` an encoder writes reasons' and warnings' `message` with.
    public static let judgementWording = CodingUserInfoKey(rawValue: "Yardstick.JudgementWording")!
}

extension Encoder {
    /// The wording handed to this encoder, if any.
    var judgementWording: JudgementWording? { userInfo[.judgementWording] as? JudgementWording }
}
