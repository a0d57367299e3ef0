//===----------------------------------------------------------------------===//
//
// This source file is part of the Swift Argument Parser open source project
//
// Copyright (c) 2025 Apple Inc. and the Swift project authors
// Licensed under Apache License v2.0 with Runtime Library Exception
//
// See https://swift.org/LICENSE.txt for license information
//
//===----------------------------------------------------------------------===//

// LightBridge change (see VENDORED.md): upstream imports FoundationEssentials here for
// `LocalizedError` and `JSONEncoder` only, which links about 4 MB of Foundation into a
// `--static-swift-stdlib` binary. Without it, errors are described with
// `String(describing:)` (LightBridge's errors are all `CustomStringConvertible`) and
// `--experimental-dump-help` is not available.

extension Error {
  func describe() -> String {
    String(describing: self)
  }
}

enum JSONEncoder {
  static func encode<T: Encodable>(_ value: T) -> String {
    "--experimental-dump-help is not available in this build (no Foundation)"
  }
}
