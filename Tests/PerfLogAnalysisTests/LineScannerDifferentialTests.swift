import Foundation
@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// Random JSON objects serialized by Foundation's JSONSerialization (random key order, escapes,
/// `\/`, pretty-printing whitespace, nested meta) read back by both JSONSerialization and the
/// scanner: every extracted field must agree.
@Suite struct LineScannerDifferentialTests {
    static let stringKeys = ["logger", "msg", "op", "outcome", "error", "query"]

    static func randomString(_ rng: inout SplitMix64) -> String {
        let n = Int(rng.next() % 24)
        var s = String.UnicodeScalarView()
        for _ in 0..<n {
            let pick = rng.next() % 10
            let v: UInt32
            switch pick {
            case 0: v = UInt32(rng.next() % 0x20)
            case 1: v = [0x22, 0x5C, 0x2F, 0x2028, 0x2029, 0x7F][Int(rng.next() % 6)]
            case 2: v = 0x80 + UInt32(rng.next() % 0x780)
            case 3: v = 0x4E00 + UInt32(rng.next() % 0x1000)
            case 4: v = 0x1F600 + UInt32(rng.next() % 0x50)
            default: v = 0x20 + UInt32(rng.next() % 0x5F)
            }
            s.append(Unicode.Scalar(v)!)
        }
        return String(s)
    }

    static func randomNumber(_ rng: inout SplitMix64) -> Any {
        switch rng.next() % 4 {
        case 0: return Int(rng.next() % 100_000)
        case 1: return Double(rng.next() % 10_000_000) / 1000
        case 2: return Double(bitPattern: 0x3FF0_0000_0000_0000 | (rng.next() >> 12)) * Double(rng.next() % 1000)
        default: return Double(rng.next() % 1000) * 1e-6
        }
    }

    static func randomValue(_ rng: inout SplitMix64, depth: Int) -> Any {
        let pick = rng.next() % (depth > 3 ? 4 : 6)
        switch pick {
        case 0: return randomString(&rng)
        case 1: return randomNumber(&rng)
        case 2: return rng.next() % 2 == 0
        case 3: return NSNull()
        case 4:
            var d: [String: Any] = [:]
            for _ in 0..<Int(rng.next() % 4) { d[randomKey(&rng)] = randomValue(&rng, depth: depth + 1) }
            return d
        default:
            return (0..<Int(rng.next() % 4)).map { _ in randomValue(&rng, depth: depth + 1) }
        }
    }

    static func randomKey(_ rng: inout SplitMix64) -> String {
        rng.next() % 3 == 0 ? randomString(&rng) : ["a", "b", "user_id", "x/y", "k\"q", "é"][Int(rng.next() % 6)]
    }

    static func randomObject(_ rng: inout SplitMix64) -> [String: Any] {
        var o: [String: Any] = [:]
        if rng.next() % 4 != 0 {
            o["ts"] =
                Timestamp(microseconds: 1_700_000_000_000_000 + Int64(rng.next() % 100_000_000_000_000)).description
        }
        if rng.next() % 4 != 0 {
            let names = ["trace", "debug", "info", "notice", "warning", "error", "critical", "WARN", "Info"]
            o["level"] = names[Int(rng.next() % UInt64(names.count))]
        }
        for k in stringKeys where rng.next() % 3 != 0 { o[k] = randomString(&rng) }
        if rng.next() % 3 != 0 {
            o["event"] = ["perf", "slow_query", "other", randomString(&rng)][Int(rng.next() % 4)]
        }
        if rng.next() % 3 != 0 { o["duration_ms"] = randomNumber(&rng) }
        if rng.next() % 3 != 0 { o["threshold_ms"] = randomNumber(&rng) }
        if rng.next() % 3 != 0 { o["status"] = [200, 201, 404, 500, 503][Int(rng.next() % 5)] }
        if rng.next() % 3 != 0 {
            var meta: [String: Any] = [:]
            for _ in 0..<Int(rng.next() % 6) { meta[randomKey(&rng)] = randomValue(&rng, depth: 1) }
            o["meta"] = meta
        }
        for _ in 0..<Int(rng.next() % 3) { o["z" + randomString(&rng)] = randomValue(&rng, depth: 1) }
        return o
    }

    static func double(_ v: Any?) -> Double? {
        switch v {
        case let i as Int: Double(i)
        case let d as Double: d
        default: nil
        }
    }

    /// Compares the scanner's value with the reference parser's, recursively for containers.
    static func same(_ ours: JSONValueRef?, _ ref: Any?) -> Bool {
        guard let ours else { return ref == nil }
        switch ref {
        case let s as String: return ours.kind == .string && ours.string == s
        case is NSNull: return ours.kind == .null
        case let b as Bool: return ours.kind == .bool && ours.number == (b ? 1 : 0)
        case let i as Int: return ours.kind == .number && ours.number == Double(i)
        case let x as Double: return ours.kind == .number && ours.number == x
        case let d as [String: Any]:
            guard ours.kind == .object else { return false }
            for (k, v) in d {
                var key = k
                let child = key.withUTF8 { JSONObjectWalker.member(of: ours.raw, named: UnsafeRawBufferPointer($0)) }
                if !same(child, v) { return false }
            }
            return true
        case let a as [Any]:
            guard ours.kind == .array else { return false }
            for (i, v) in a.enumerated() where !same(JSONObjectWalker.element(of: ours.raw, at: i), v) { return false }
            return JSONObjectWalker.element(of: ours.raw, at: a.count) == nil
        default: return false
        }
    }

    @Test func scannerAgreesWithJSONSerializationOnRandomObjects() throws {
        var rng = SplitMix64(seed: 42)
        var scanner = LineScanner()
        var record = ScannedRecord()
        for iteration in 0..<3000 {
            let object = Self.randomObject(&rng)
            let options: JSONSerialization.WritingOptions = iteration % 3 == 0 ? [.prettyPrinted] : []
            let data = try JSONSerialization.data(withJSONObject: object, options: options)
            // Foundation's reader is not correctly rounded on Linux (0.0009599999999999999 reads
            // back one ulp off), so the generated object itself is the reference; the reader only
            // confirms the text is valid JSON.
            #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
            let reference = object
            let bytes = [UInt8](data)
            let ok: Bool = bytes.withUnsafeBytes { b in
                guard scanner.scan(b, into: &record) == .record else { return false }
                var good = true
                func check(_ name: String, _ cond: Bool) {
                    if !cond {
                        good = false
                        Issue.record("field \(name) differs in \(String(decoding: bytes, as: UTF8.self))")
                    }
                }
                check(
                    "ts",
                    record.timestamp?.microseconds
                        == (reference["ts"] as? String).flatMap { Timestamp(parsing: $0)?.microseconds })
                check("level", record.level == (reference["level"] as? String).flatMap { PerfLevel(name: $0) })
                check("logger", record.logger?.string == reference["logger"] as? String)
                check("msg", record.msg?.string == reference["msg"] as? String)
                check("op", record.op?.string == reference["op"] as? String)
                check("outcome", record.outcome?.string == reference["outcome"] as? String)
                check("error", record.error?.string == reference["error"] as? String)
                check("query", record.query?.string == reference["query"] as? String)
                check("event", record.eventRaw?.string == reference["event"] as? String)
                check("duration_ms", record.durationMs == Self.double(reference["duration_ms"]))
                check("threshold_ms", record.thresholdMs == Self.double(reference["threshold_ms"]))
                check("status", record.status == reference["status"] as? Int)
                check(
                    "isError",
                    record.isError
                        == ((reference["outcome"] as? String) == "error"
                            || (reference["outcome"] == nil && (reference["status"] as? Int ?? 0) >= 500)))
                check("meta", Self.same(record.meta, reference["meta"]))
                for (k, v) in reference where k.hasPrefix("z") {
                    var path = FieldPath("")
                    path.components = [k]
                    check(k, Self.same(record.value(at: path), v))
                }
                if let meta = reference["meta"] as? [String: Any] {
                    for (k, v) in meta {
                        var path = FieldPath("meta")
                        path.components.append(k)  // not FieldPath("meta." + k): a combining mark would join the dot
                        check("meta.\(k)", Self.same(record.value(at: path), v))
                    }
                }
                return good
            }
            #expect(ok, "iteration \(iteration)")
            if !ok { break }
        }
    }
}
