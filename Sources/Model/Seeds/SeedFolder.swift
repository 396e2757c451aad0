import Foundation
import Glibc

/// The files of a seeds folder, read with limits: annotation files (`*.json`, recursively,
/// hidden files skipped) and the documents they name. Nothing outside the folder is read,
/// symlinks included, and no file over its size limit is read at all.
struct SeedFolder {
    static let maximumAnnotationBytes = 64 * 1024 * 1024
    static let maximumDocumentBytes = 16 * 1024 * 1024

    let root: URL
    private let realRoot: String

    init(path: String) throws(SeedError) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SeedError(problems: [SeedProblem(file: path, message: "not a folder; pass the seeds folder (e.g. --seeds seeds)")])
        }
        root = url
        realRoot = url.resolvingSymlinksInPath().path
    }

    /// Relative paths of every annotation file, sorted.
    func annotationFiles(log: ProblemLog) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
            options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "json" {
            files.append(relativePath(of: url))
        }
        return files.sorted()
    }

    func relativePath(of url: URL) -> String {
        let full = url.standardizedFileURL.path
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }

    /// Reads a file named relative to the folder, refusing escapes, non-regular files and
    /// files over `limit`. Returns nil after logging why.
    func read(_ relative: String, limit: Int, log: ProblemLog, referencedAt: (file: String, line: Int?, path: String?)? = nil) -> [UInt8]? {
        func problem(_ message: String) -> [UInt8]? {
            if let at = referencedAt {
                log.add(file: at.file, line: at.line, path: at.path, message)
            } else {
                log.add(file: relative, message)
            }
            return nil
        }
        guard !relative.hasPrefix("/") else { return problem("\"\(relative)\" is absolute; name files relative to the seeds folder") }
        let url = root.appendingPathComponent(relative).standardizedFileURL
        let real = url.resolvingSymlinksInPath().path
        guard real == realRoot || real.hasPrefix(realRoot + "/") else {
            return problem("\"\(relative)\" resolves outside the seeds folder (\(real)); seeds must live inside it")
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real) else {
            return problem("\"\(relative)\" does not exist")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            return problem("\"\(relative)\" is not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limit else {
            return problem("\"\(relative)\" is \(size) bytes, over the limit of \(limit) bytes; split it into smaller files")
        }
        guard let bytes = Self.readFile(real, limit: limit) else {
            return problem("\"\(relative)\" could not be read: \(String(cString: strerror(errno)))")
        }
        guard bytes.count <= limit else {
            return problem("\"\(relative)\" grew past the limit of \(limit) bytes while being read")
        }
        return bytes
    }

    /// Reads at most `limit + 1` bytes with plain syscalls (one copy, no Foundation buffers).
    private static func readFile(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }
}
