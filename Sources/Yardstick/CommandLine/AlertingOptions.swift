import Foundation

/// Where a command's alert events go besides standard error: webhooks, each with the lowest
/// level it is sent, in one payload format, and a JSON-lines file. Shared by `monitor`, `run`,
/// `ab` and `baseline update`.
struct AlertingOptions: Equatable {
    var webhooks: [WebhookRoute] = []
    var format = WebhookFormatName.json
    /// The JSON-lines file events are appended to (`--alerts`).
    var alertsPath: String?

    /// Whether no event goes anywhere but standard error.
    var isEmpty: Bool { webhooks.isEmpty && alertsPath == nil }

    /// The environment variable that holds the PagerDuty integration's routing key. Not a
    /// flag: a flag shows in `ps`, in shell history and in the command line a debug build
    /// prints when it hands over to its release build.
    static let routingKeyVariable = "YARDSTICK_PAGERDUTY_ROUTING_KEY"

    /// The webhooks' format, with the PagerDuty routing key read from `environment`.
    func webhookFormat(environment: [String: String]) throws(CommandLineError) -> WebhookFormat {
        switch format {
        case .json: return .json
        case .slack: return .slack
        case .pagerduty:
            let key = environment[Self.routingKeyVariable]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !key.isEmpty else {
                throw .usage("--webhook-format pagerduty needs the integration's routing key in the environment variable \(Self.routingKeyVariable)")
            }
            return .pagerDuty(PagerDutyRouting(routingKey: key))
        }
    }

    /// The sinks: the JSON-lines file first, then each webhook behind its level filter.
    /// Failures go to `onFailure`, one line each.
    func sinks(format: WebhookFormat, onFailure: @escaping @Sendable (String) -> Void) -> [any AlertSink] {
        var sinks: [any AlertSink] = []
        if let alertsPath {
            sinks.append(JSONLinesAlertSink(url: URL(fileURLWithPath: alertsPath), onFailure: onFailure))
        }
        for route in webhooks {
            // The parser has checked these are http or https URLs.
            guard let url = URL(string: route.url) else { continue }
            let webhook = WebhookAlertSink(url: url, format: format, onFailure: onFailure)
            sinks.append(route.minimumLevel == .info ? webhook : LevelFilteredAlertSink(route.minimumLevel, webhook))
        }
        return sinks
    }
}

/// One `--webhook`: a URL and the lowest level of the alerts it is sent.
struct WebhookRoute: Equatable {
    /// `info` for a bare URL: every level.
    var minimumLevel: AlertLevel
    var url: String
}

/// The payload formats `--webhook-format` names.
enum WebhookFormatName: String, CaseIterable {
    case json, slack, pagerduty
}

extension CommandParser {
    static let alertingOptions: [OptionSpec] = [
        OptionSpec(
            name: "--webhook", valueName: "[LEVEL=]URL", isRepeatable: true,
            help: "POST alert events of LEVEL (info, warning, critical) and above to URL; a bare URL gets every level (repeatable)."
        ),
        OptionSpec(
            name: "--webhook-format", valueName: "FORMAT",
            help: "json (the event), slack or pagerduty (key in $\(AlertingOptions.routingKeyVariable)) (default: \(AlertingOptions().format.rawValue))."
        ),
        OptionSpec(name: "--alerts", valueName: "FILE", help: "Append every alert event to this JSON-lines file."),
    ]

    /// The alerting options given.
    static func alerting(_ parsed: ParsedArguments) throws(CommandLineError) -> AlertingOptions {
        var options = AlertingOptions()
        for text in parsed.values["--webhook"] ?? [] {
            options.webhooks.append(try webhookRoute(text))
        }
        if let text = parsed.value("--webhook-format") {
            guard let format = WebhookFormatName(rawValue: text.lowercased()) else {
                let known = WebhookFormatName.allCases.map(\.rawValue).joined(separator: ", ")
                throw .usage("--webhook-format expects one of \(known), got '\(text)'")
            }
            guard !options.webhooks.isEmpty else {
                throw .usage("--webhook-format has no effect without --webhook URL")
            }
            options.format = format
        }
        options.alertsPath = try filePath(parsed, "--alerts")
        return options
    }

    /// `LEVEL=URL` or a bare URL. A URL's query may hold `=` too, so the text before the first
    /// `=` is a level only when it holds no `:` or `/`.
    static func webhookRoute(_ text: String) throws(CommandLineError) -> WebhookRoute {
        if let equals = text.firstIndex(of: "="), !text[..<equals].contains(where: { $0 == ":" || $0 == "/" }) {
            let name = String(text[..<equals])
            guard let level = AlertLevel(rawValue: name.lowercased()) else {
                throw .usage("--webhook: unknown level '\(name)' (expected info, warning or critical before '=')")
            }
            return WebhookRoute(minimumLevel: level, url: try httpURL(String(text[text.index(after: equals)...]), option: "--webhook"))
        }
        return WebhookRoute(minimumLevel: .info, url: try httpURL(text, option: "--webhook"))
    }
}
