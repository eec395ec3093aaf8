import Yams

/// Walks the composed YAML tree of a rules file, keeping positions for errors.
struct RulesFileReader {
    let file: String

    func fail(_ node: Node?, _ message: String) -> RulesFileError {
        RulesFileError(.invalid, file: file, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }

    func mapping(_ node: Node, _ what: String) throws(RulesFileError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let m) = node else { throw fail(node, "\(what) must be a mapping (key: value)") }
        var out: [(String, Node, Node)] = []
        for (k, v) in m {
            guard let key = k.scalar?.string else { throw fail(k, "keys must be plain strings") }
            if out.contains(where: { $0.0 == key }) { throw fail(k, "duplicate key '\(key)'") }
            out.append((key, k, v))
        }
        return out.map { (key: $0.0, keyNode: $0.1, value: $0.2) }
    }

    func sequence(_ node: Node, _ what: String) throws(RulesFileError) -> [Node] {
        guard case .sequence(let s) = node else { throw fail(node, "\(what) must be a list") }
        return Array(s)
    }

    func string(_ node: Node, _ what: String) throws(RulesFileError) -> String {
        guard let s = node.scalar?.string else {
            throw fail(node, "\(what) must be a single value, not a list or mapping")
        }
        return s
    }

    func strings(_ node: Node, _ what: String) throws(RulesFileError) -> [String] {
        if case .sequence = node {
            var out: [String] = []
            for n in try sequence(node, what) { out.append(try string(n, what)) }
            return out
        }
        return [try string(node, what)]
    }

    func document(_ root: Node) throws(RulesFileError) -> [SLORule] {
        var rules: [SLORule] = []
        var sawList = false
        for (key, keyNode, value) in try mapping(root, "the rules file") {
            switch key {
            case "rules":
                sawList = true
                for r in try sequence(value, "rules") { rules.append(try rule(r)) }
            case "groups":
                sawList = true
                for g in try sequence(value, "groups") {
                    for (gk, gkNode, gv) in try mapping(g, "a group") {
                        switch gk {
                        case "name", "interval": _ = try string(gv, gk)
                        case "rules": for r in try sequence(gv, "rules") { rules.append(try rule(r)) }
                        default: throw fail(gkNode, "unknown key '\(gk)' in a group (expected name, rules)")
                        }
                    }
                }
            default:
                throw fail(keyNode, "unknown key '\(key)' (expected rules or groups)")
            }
        }
        guard sawList else { throw fail(root, "the rules file has no `rules:` or `groups:` list") }
        var seen: Set<String> = []
        for r in rules where !seen.insert(r.name).inserted {
            throw fail(root, "two rules are named '\(r.name)'")
        }
        return rules
    }

    func rule(_ node: Node) throws(RulesFileError) -> SLORule {
        var name: String?
        var globs: [String] = []
        var whereExpr: WhereExpression?
        var stat: SLOStat?
        var comparison: SLOComparison?
        var thresholdNode: Node?
        var forUs: Int64?
        var severity = "warning"
        var summary = ""
        var minCount: Int64 = 1
        for (key, keyNode, value) in try mapping(node, "a rule") {
            switch key {
            case "name", "alert":
                name = try string(value, key)
                if name!.isEmpty { throw fail(value, "a rule's \(key) must not be empty") }
            case "match":
                if case .mapping = value {
                    for (mk, mkNode, mv) in try mapping(value, "match") {
                        switch mk {
                        case "op": globs += try strings(mv, "match.op")
                        case "where": whereExpr = try expression(mv)
                        default: throw fail(mkNode, "unknown key '\(mk)' in match (expected op, where)")
                        }
                    }
                } else {
                    globs += try strings(value, "match")
                }
            case "where":
                whereExpr = try expression(value)
            case "stat":
                let s = try string(value, key)
                guard let parsed = SLOStat(rawValue: s) else {
                    throw fail(
                        value,
                        "unknown stat '\(s)' (expected \(SLOStat.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                stat = parsed
            case "op":
                let s = try string(value, key)
                guard let parsed = SLOComparison(rawValue: s) else {
                    throw fail(value, "unknown op '\(s)' (expected <, <=, > or >=: the condition that fires the rule)")
                }
                comparison = parsed
            case "threshold":
                _ = try string(value, key)
                thresholdNode = value
            case "for":
                let s = try string(value, key)
                do {
                    forUs = try DurationSpec.parseInterval(s, argument: "for")
                } catch {
                    throw fail(value, "for: expected a duration with a unit such as 5m or 30s, not '\(s)'")
                }
                if forUs! <= 0 { throw fail(value, "for must be longer than zero") }
            case "severity": severity = try string(value, key)
            case "summary": summary = try string(value, key)
            case "description": _ = try string(value, key)
            case "min_count":
                let s = try string(value, key)
                guard let n = Int64(s), n >= 1 else {
                    throw fail(value, "min_count must be a whole number of at least 1, not '\(s)'")
                }
                minCount = n
            case "labels":
                for (lk, _, lv) in try mapping(value, "labels") where lk == "severity" {
                    severity = try string(lv, "labels.severity")
                }
            case "annotations":
                for (ak, _, av) in try mapping(value, "annotations") where ak == "summary" {
                    summary = try string(av, "annotations.summary")
                }
            default:
                throw fail(
                    keyNode,
                    "unknown key '\(key)' in a rule (expected name/alert, match, where, stat, op, threshold, for, severity, summary, min_count, labels, annotations)"
                )
            }
        }
        guard let name else { throw fail(node, "a rule needs a name (name: or alert:)") }
        guard let stat else { throw fail(node, "rule '\(name)' needs a stat (p50, p95, …, error_rate, rate_per_min)") }
        guard let comparison else {
            throw fail(node, "rule '\(name)' needs an op (<, <=, > or >=: the condition that fires it)")
        }
        guard let thresholdNode else { throw fail(node, "rule '\(name)' needs a threshold (200ms, 5%, …)") }
        let threshold: Double
        switch stat.parseThreshold(try string(thresholdNode, "threshold")) {
        case .success(let v): threshold = v
        case .failure(let e): throw fail(thresholdNode, e.message)
        }
        return SLORule(
            name: name, match: RuleMatch(opGlobs: globs, where: whereExpr), stat: stat, comparison: comparison,
            threshold: threshold, forMicroseconds: forUs, severity: severity, summary: summary, minCount: minCount)
    }

    /// Parses a `where` expression, pointing errors at the column inside the YAML value.
    func expression(_ node: Node) throws(RulesFileError) -> WhereExpression {
        let text = try string(node, "where")
        do {
            return try WhereExpression(parsing: text)
        } catch {
            var column = node.mark?.column
            if let c = column, let scalar = node.scalar {
                let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                column = c + (quoted ? 1 : 0) + max(0, error.column - 1)
            }
            throw RulesFileError(
                .invalid, file: file, line: node.mark?.line, column: column, message: "where: \(error.message)")
        }
    }
}
