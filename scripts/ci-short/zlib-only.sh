#!/usr/bin/env bash
# Builds perflog without libdeflate and ISA-L (PERFLOG_ZLIB_ONLY=1, in its own build folder) and
# runs the suites that compress and decompress: the zlib fallback must build and pass on its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PERFLOG_ZLIB_ONLY=1
swift build -j 1 --build-tests --build-path .build/zlib-only
swift test --skip-build --build-path .build/zlib-only \
    --filter 'DeflateBackend|GzipMember|ArchiveWriter|ArchiveMemberReader|HostileInput|InputReader|CompressCommand|HostileCompress'
