import Foundation
import Testing

@testable import PerfLogAnalysis

@Suite struct InputResolverTests {
    @Test func directoryListsSegmentsInTimeOrderThenTheActiveFile() throws {
        let dir = InputFixtures.tempDir()
        for name in [
            "app.log", "app-20261128T100000Z.log.gz", "app-20261128T090000Z.log.gz", "other.ndjson", "notes.txt",
            "api.log", "api-20261128T080000Z.log.gz", "x.jsonl", ".hidden.log",
        ] {
            InputFixtures.write([], to: dir + "/" + name)
        }
        try FileManager.default.createDirectory(atPath: dir + "/sub.log", withIntermediateDirectories: true)
        let got = try InputResolver.resolve([dir]).map(\.description)
        #expect(
            got
                == [
                    "api-20261128T080000Z.log.gz", "api.log",
                    "app-20261128T090000Z.log.gz", "app-20261128T100000Z.log.gz", "app.log",
                    "other.ndjson", "x.jsonl",
                ].map { dir + "/" + $0 })
    }

    @Test func globsExpandSortedAndDuplicatesAreReadOnce() throws {
        let dir = InputFixtures.tempDir()
        for name in ["b.log", "a.log", "c.gz"] { InputFixtures.write([], to: dir + "/" + name) }
        let got = try InputResolver.resolve([dir + "/*.log", dir + "/a.log", dir + "/[c]?gz"]).map(\.description)
        #expect(got == [dir + "/a.log", dir + "/b.log", dir + "/c.gz"])
    }

    @Test func stdinIsADashOrNoArgumentAtAll() throws {
        #expect(try InputResolver.resolve(["-"]) == [.stdin])
        #expect(try InputResolver.resolve([]) == [.stdin])
        #expect(throws: InputError(.duplicateStdin, argument: "-")) { try InputResolver.resolve(["-", "-"]) }
    }

    @Test func errorsNameTheArgument() throws {
        let dir = InputFixtures.tempDir()
        #expect(throws: InputError(.noSuchFile, argument: "logs/x.log")) { try InputResolver.resolve(["logs/x.log"]) }
        #expect(InputError(.noSuchFile, argument: "logs/x.log").description == "perflog: no such file: logs/x.log")
        #expect(throws: InputError(.noMatch, argument: dir + "/*.gz")) { try InputResolver.resolve([dir + "/*.gz"]) }
        #expect(throws: InputError(.emptyDirectory, argument: dir)) { try InputResolver.resolve([dir]) }
        #expect(InputError(.noMatch, argument: "a/*.gz").description == "perflog: no files match: a/*.gz")
    }
}
