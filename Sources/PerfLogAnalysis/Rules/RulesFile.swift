import Foundation
import Yams

/// Reads SLO and alert rules from YAML (docs/CHECK.md), in the spirit of Prometheus' `alerts.yml`.
///
/// ```yaml
/// groups:
///   - name: tta_performance
///     rules:
///       - alert: HighResponseTime
///         match: "api.*"                 # an op glob, or {op: [...], where: "status >= 500"}
///         stat: p95
///         op: ">"                        # the condition that fires the rule
///         threshold: 200ms
///         for: 5m
///         labels: {severity: warning}
///         annotations: {summary: "High response time detected"}
/// ```
/// A top-level `rules:` list (without groups) works too, and `name`, `severity` and `summary`
/// may be written directly on a rule. Unknown keys are errors, so a typo never silently turns a
/// rule off.
public enum RulesFile {
    /// Loads the rules in the file at `path`.
    ///
    /// - Throws: ``RulesFileError`` naming the file, line and column.
    public static func load(path: String) throws(RulesFileError) -> [SLORule] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RulesFileError(.unreadable, file: path, line: nil, column: nil, message: "cannot read the rules file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RulesFileError(
                .unreadable, file: path, line: nil, column: nil, message: "the rules file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses rules from YAML text; `file` names it in errors.
    ///
    /// - Throws: ``RulesFileError`` naming the file, line and column.
    public static func parse(_ text: String, file: String = "<rules>") throws(RulesFileError) -> [SLORule] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw syntaxError(e, file: file)
        } catch {
            throw RulesFileError(.syntax, file: file, line: nil, column: nil, message: "\(error)")
        }
        let reader = RulesFileReader(file: file)
        guard let root else { throw reader.fail(nil, "the rules file is empty (expected `rules:` or `groups:`)") }
        return try reader.document(root)
    }

    static func syntaxError(_ e: YamlError, file: String) -> RulesFileError {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return RulesFileError(
                .syntax, file: file, line: mark.line, column: mark.column, message: "YAML: " + problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RulesFileError(
                .syntax, file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return RulesFileError(.syntax, file: file, line: nil, column: nil, message: "YAML: " + problem)
        default:
            return RulesFileError(.syntax, file: file, line: nil, column: nil, message: "YAML: \(e)")
        }
    }
}
