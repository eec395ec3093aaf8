#if canImport(Glibc)
    import Glibc
    import Synchronization
    import Testing

    @testable import PerfLog

    /// The compressor runs on a `WorkerThread` with a raised nice value: only that thread's, never the
    /// process's (Linux keeps nice values per thread).
    @Suite struct WorkerThreadTests {
        static func niceness() -> Int32 { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }

        @Test func aNiceWorkerLowersOnlyItsOwnPriority() {
            let before = WorkerThreadTests.niceness()
            let seen = Mutex<[Int32]>([])
            let nice = WorkerThread(name: "nice", nice: 10) {
                seen.withLock { $0.append(WorkerThreadTests.niceness()) }
            }
            nice.join()
            let plain = WorkerThread(name: "plain") { seen.withLock { $0.append(WorkerThreadTests.niceness()) } }
            plain.join()
            #expect(seen.withLock { $0 } == [min(19, before + 10), before])
            #expect(WorkerThreadTests.niceness() == before)
        }

        @Test func theDefaultConfigurationCompressesAtNiceTen() {
            #expect(RotatingFileWriter.Configuration(directory: "/tmp", name: "x").compressionThreadNice == 10)
        }
    }
#endif
