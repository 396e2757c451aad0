import Glibc

/// The files of a seeds folder, read with limits: annotation files (`*.json`, recursively,
/// hidden files and `*.links.json` sidecars skipped) and the documents they name. Nothing outside the folder is read,
/// symlinks included, and no file over its size limit is read at all.
package struct SeedFolder: SeedSource {
    package static let maximumAnnotationBytes = 64 * 1024 * 1024
    static let maximumDocumentBytes = 16 * 1024 * 1024

    let root: String
    private let realRoot: String

    package init(path: String) throws(SeedError) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, let real = Self.realPath(path) else {
            throw SeedError(problems: [SeedProblem(file: path, message: "not a folder; pass the seeds folder (e.g. --seeds seeds)")])
        }
        root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        realRoot = real
    }

    /// Relative paths of every annotation file, sorted. Symlinked folders are not followed.
    package func annotationFiles(log: ProblemLog) -> [String] {
        var files: [String] = []
        func walk(_ relative: String) {
            let directory = relative.isEmpty ? root : "\(root)/\(relative)"
            guard let handle = opendir(directory) else {
                log.add(file: relative.isEmpty ? root : relative, "cannot list this folder: \(String(cString: strerror(errno)))")
                return
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }  // hidden files, "." and ".."
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                var info = stat()
                guard lstat("\(root)/\(path)", &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    walk(path)
                } else if name.lowercased().hasSuffix(".json") && !LinksSidecar.isSidecar(name) {
                    files.append(path)  // read() checks symlinks resolve inside the folder
                }
            }
        }
        walk("")
        return files.sorted()
    }

    /// Reads a file named relative to the folder, refusing escapes, non-regular files and
    /// files over `limit`. Returns nil after logging why.
    package func read(_ relative: String, limit: Int, log: ProblemLog, referencedAt: (file: String, line: Int?, path: String?)?) -> [UInt8]? {
        func problem(_ message: String) -> [UInt8]? {
            if let at = referencedAt {
                log.add(file: at.file, line: at.line, path: at.path, message)
            } else {
                log.add(file: relative, message)
            }
            return nil
        }
        guard !relative.hasPrefix("/") else { return problem("\"\(relative)\" is absolute; name files relative to the seeds folder") }
        if Self.climbsOut(relative) {
            return problem("\"\(relative)\" resolves outside the seeds folder; seeds must live inside it")
        }
        guard let real = Self.realPath("\(root)/\(relative)") else {
            return problem("\"\(relative)\" does not exist")
        }
        guard real == realRoot || real.hasPrefix(realRoot + "/") else {
            return problem("\"\(relative)\" resolves outside the seeds folder (\(real)); seeds must live inside it")
        }
        var info = stat()
        guard stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return problem("\"\(relative)\" is not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            return problem("\"\(relative)\" is \(size) bytes, over the limit of \(limit) bytes; split it into smaller files")
        }
        guard let bytes = FileBytes.read(real, upTo: limit) else {
            return problem("\"\(relative)\" could not be read: \(String(cString: strerror(errno)))")
        }
        guard bytes.count <= limit else {
            return problem("\"\(relative)\" grew past the limit of \(limit) bytes while being read")
        }
        return bytes
    }

    package func exists(_ relative: String) -> Bool {
        var info = stat()
        return !relative.hasPrefix("/") && !Self.climbsOut(relative) && lstat("\(root)/\(relative)", &info) == 0
    }

    /// Whether `..` components take a relative path above its starting folder.
    private static func climbsOut(_ relative: String) -> Bool {
        var depth = 0
        for component in relative.split(separator: "/") {
            if component == ".." { depth -= 1 } else if component != "." { depth += 1 }
            if depth < 0 { return true }
        }
        return false
    }

    /// The canonical absolute path (symlinks resolved), or nil if it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
