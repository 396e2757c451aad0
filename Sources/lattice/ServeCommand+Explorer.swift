import ArgumentParser
import Glibc
import LatticeAPI
import Logging

extension ServeCommand {
    /// The API layer's configuration with the explorer's files loaded (when the explorer
    /// setting names a folder). A folder that cannot be served stops startup (exit 1), as
    /// broken seeds do: an operator who configured an explorer should not silently lose it.
    /// Only the built-in default may be missing: `lattice serve --seeds …` run from another
    /// folder serves the API alone, and says so.
    static func apiConfiguration(_ configuration: Settings, logger: Logger) throws -> APIConfiguration {
        var api = configuration.api
        let folder = configuration.explorer
        guard !folder.isEmpty else { return api }
        let row = SettingTable.shared.explorer
        if configuration.entry(for: row).source == .builtIn && access(folder, F_OK) != 0 {
            logger.notice("no explorer folder at \(folder): serving the API only (set explorer to a folder, or to \"\" to say so)")
            return api
        }
        do throws(ExplorerError) {
            let assets = try ExplorerAssets.load(from: folder)
            api.explorer = assets
            logger.info(
                "explorer loaded",
                metadata: [
                    "folder": .string(folder), "files": .stringConvertible(assets.paths.count),
                    "bytes": .stringConvertible(assets.totalBytes),
                ])
        } catch {
            logger.critical("cannot serve the explorer: \(error)", metadata: ["explorer": .string(folder)])
            throw ExitCode(1)
        }
        return api
    }
}
