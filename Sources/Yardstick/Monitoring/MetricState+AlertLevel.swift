extension MetricState {
    /// The state an alert of `level` puts its metric in; info alerts leave it ok.
    init(_ level: AlertLevel) {
        switch level {
        case .info: self = .ok
        case .warning: self = .warning
        case .critical: self = .critical
        }
    }
}
