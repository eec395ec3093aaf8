import FuzzSupport
import PerfLogAnalysis

/// Fuzzes the YAML rules-file loader (`RulesFile.parse`, through Yams). A rejected file must get
/// an error whose line (when given) lies inside the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let rules = try RulesFile.parse(text, file: "fuzz.yml")
        _ = rules.count
    } catch {
        // YAML breaks lines at LF, CR LF and a lone CR alike.
        let bytes = Array(text.utf8)
        var lines = 1
        for (i, b) in bytes.enumerated()
        where b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
            lines += 1
        }
        if let line = error.line { fuzzCheck(line >= 1 && line <= lines + 1, "error line \(line) of \(lines)") }
        _ = error.description
    }
    return 0
}
