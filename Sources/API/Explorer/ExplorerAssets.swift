import Glibc
import LatticeHTTP
import LatticeModel

/// The explorer's static files (HTML, CSS, JavaScript modules, SVG, the vendored d3), read
/// once at startup from a folder and served from memory: each with its Content-Type, a
/// strong ETag of its bytes, and its gzip form made ahead when that is smaller.
public struct ExplorerAssets: Sendable {
    struct Asset: Sendable {
        let contentType: HTTPField
        let body: [UInt8]
        let etag: String
        /// The gzip form and its ETag, when the type compresses and the result is smaller.
        let gzipped: [UInt8]?
    }

    /// The page `/` serves to browsers.
    static let pageName = "index.html"
    static let maximumFileBytes = 8 * 1024 * 1024
    static let maximumTotalBytes = 32 * 1024 * 1024

    /// By path relative to the folder, `/`-separated (`vendor/d3.min.js`).
    let assets: [String: Asset]

    /// Paths of every asset, sorted.
    public var paths: [String] { assets.keys.sorted() }
    /// Bytes of every asset, uncompressed.
    public var totalBytes: Int { assets.values.reduce(0) { $0 + $1.body.count } }

    var page: Asset { assets[Self.pageName]! }

    /// Reads every file of the folder (recursively; hidden files skipped). The folder must
    /// hold `index.html`; names must be plain (`A-Z a-z 0-9 . _ -`), files regular and
    /// within the size limits. A symbolic link inside the folder, or anything else that is
    /// not a regular file or a folder, stops the load: the folder itself may be a link.
    public static func load(from folder: String) throws(ExplorerError) -> ExplorerAssets {
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw ExplorerError(folder: folder, message: "is not a folder; set explorer to the explorer's folder, or to \"\" to serve no explorer")
        }
        let root = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var files: [String: Asset] = [:]
        var total = 0
        var problem: String?

        func walk(_ relative: String) {
            let directory = relative.isEmpty ? root : "\(root)/\(relative)"
            guard let handle = opendir(directory) else {
                problem = "cannot list \(directory): \(String(cString: strerror(errno)))"
                return
            }
            defer { closedir(handle) }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                if !name.hasPrefix(".") { names.append(name) }  // hidden files, "." and ".."
            }
            for name in names.sorted() where problem == nil {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                guard isPlain(name) else {
                    problem = "\(path): file names must use only A-Z, a-z, 0-9, '.', '_' and '-'"
                    return
                }
                // lstat, not stat: a link inside the folder could name any file the
                // process may read (/etc/passwd, /proc/self/environ), and would be served.
                var info = stat()
                guard lstat("\(root)/\(path)", &info) == 0 else {
                    problem = "\(path): \(String(cString: strerror(errno)))"
                    return
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    walk(path)
                case S_IFLNK:
                    problem = "\(path) is a symbolic link; the explorer serves only regular files inside its folder, so put a copy of the file there"
                    return
                case S_IFREG:
                    guard Int(info.st_size) <= maximumFileBytes else {
                        problem = "\(path) is \(info.st_size) bytes, over the limit of \(maximumFileBytes)"
                        return
                    }
                    let bytes: [UInt8]
                    do throws(FileBytes.Refusal) {
                        bytes = try FileBytes.readRegularFile("\(root)/\(path)", upTo: maximumFileBytes)
                    } catch {
                        problem = "\(path) \(error); the explorer serves only regular files inside its folder"
                        return
                    }
                    guard bytes.count <= maximumFileBytes else {
                        problem = "\(path) grew past the limit of \(maximumFileBytes) bytes while it was read"
                        return
                    }
                    total += bytes.count
                    guard total <= maximumTotalBytes else {
                        problem = "the folder holds more than \(maximumTotalBytes) bytes"
                        return
                    }
                    files[path] = asset(bytes, type: contentType(of: name))
                default:
                    problem = "\(path) is not a regular file or folder"
                    return
                }
            }
        }
        walk("")
        if let problem { throw ExplorerError(folder: folder, message: problem) }
        guard files[pageName] != nil else {
            throw ExplorerError(folder: folder, message: "has no \(pageName); set explorer to the explorer's folder, or to \"\" to serve no explorer")
        }
        return ExplorerAssets(assets: files)
    }

    private static func asset(_ bytes: [UInt8], type: (field: HTTPField, compressible: Bool)) -> Asset {
        var gzipped: [UInt8]?
        if type.compressible, let compressed = Gzip.compress(bytes, level: 9), compressed.count < bytes.count {
            gzipped = compressed
        }
        return Asset(contentType: type.field, body: bytes, etag: ContentHash.etag(bytes), gzipped: gzipped)
    }

    private static func isPlain(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                    || byte == 45 || byte == 95 || byte == 46
            }
    }

    /// The Content-Type for a file name, and whether gzip is worth trying.
    static func contentType(of name: String) -> (field: HTTPField, compressible: Bool) {
        let dot = name.lastIndex(of: ".")
        let suffix = dot.map { name[name.index(after: $0)...].lowercased() } ?? ""
        switch suffix {
        case "html", "htm": return (HTTPField("Content-Type", "text/html; charset=utf-8"), true)
        case "css": return (HTTPField("Content-Type", "text/css; charset=utf-8"), true)
        case "js", "mjs": return (HTTPField("Content-Type", "text/javascript; charset=utf-8"), true)
        case "json", "map": return (HTTPField("Content-Type", "application/json; charset=utf-8"), true)
        case "svg": return (HTTPField("Content-Type", "image/svg+xml"), true)
        case "png": return (HTTPField("Content-Type", "image/png"), false)
        case "ico": return (HTTPField("Content-Type", "image/x-icon"), true)
        case "woff2": return (HTTPField("Content-Type", "font/woff2"), false)
        case "txt", "md", "": return (HTTPField("Content-Type", "text/plain; charset=utf-8"), true)
        default: return (HTTPField("Content-Type", "application/octet-stream"), false)
        }
    }

    /// The media types ``contentType(of:)`` can answer, for the OpenAPI document.
    static let mediaTypes = [
        "text/html", "text/css", "text/javascript", "application/json", "image/svg+xml",
        "image/png", "image/x-icon", "font/woff2", "text/plain", "application/octet-stream",
    ]
}

/// Why the explorer's folder could not be loaded.
public struct ExplorerError: Error, CustomStringConvertible {
    public let folder: String
    public let message: String
    public var description: String { "explorer folder \(folder): \(message)" }
}
