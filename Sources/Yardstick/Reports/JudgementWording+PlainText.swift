extension JudgementWording {
    /// The plain sentences of ``JudgementReason/text`` and ``RunWarning/text``: what results
    /// files record as each reason's and warning's `message`.
    public static let plainText = JudgementWording(reason: { $0.text }, warning: { $0.text })
}
