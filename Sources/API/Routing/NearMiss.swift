import LatticeModel

/// Hints for ids that name nothing: ids are lowercase slugs, so `South-Korea`, `south_korea`
/// or `South Korea` point at `south-korea`. Only the slug form is tried — one lookup, never
/// a scan of the dataset, so a 404 costs what any request costs. A well-formed id on a record
/// path or naming an analysis's subject also gets the near miss `lattice validate` suggests
/// (`japn` → `japan`, ``Dataset/nearestID(to:as:)``): a scan of one kind's ids, bounded in
/// records and in edits, done only for such a 404.
enum NearMiss {
    /// `text` as a slug: lowercase ASCII letters and digits, every other run a single `-`.
    static func slugify(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let lower = scalar.properties.lowercaseMapping
            if lower.count == 1, let ascii = lower.unicodeScalars.first, ascii.isASCII,
                (ascii >= "a" && ascii <= "z") || (ascii >= "0" && ascii <= "9")
            {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(ascii)
            } else {
                pendingDash = true
            }
            if slug.utf8.count > 128 { break }
        }
        return slug
    }

    /// The record `text` probably meant, if its slug form names one of these types.
    static func slug(for text: String, in dataset: Dataset?, as types: Set<EntityType>) -> EntityRef? {
        let slug = slugify(text)
        guard !slug.isEmpty, slug != text, let dataset else { return nil }
        return dataset.resolve(slug, as: types)
    }

    /// `no actor has the id "japn"`, with a pointer where one is cheap to find.
    static func unknownID(_ id: String, in dataset: Dataset, as types: Set<EntityType>) -> String {
        var detail = "no \(ParameterSpec.describe(types)) has the id \"\(Excerpt.of(id))\"; it matches nothing"
        if let other = dataset.entity(id) {
            detail += " (\(id) is \(other.type == .actor || other.type == .alliance ? "an" : "a") \(other.type.rawValue))"
        }
        return detail
    }

    /// The hint for a path that matched no route: a trailing slash, or an id that is not a
    /// slug but whose slug form exists.
    static func hint(forPath path: String, dataset: Dataset?) -> String? {
        if path.count > 1, path.hasSuffix("/"), Router.match(String(path.dropLast())) != nil {
            return "did you mean \(path.dropLast())? (no trailing slash)"
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        // "", "v1", collection, id[, "text"]
        guard parts.count >= 4, parts[0].isEmpty, parts[1] == "v1",
            let type = EntityType.allCases.first(where: { Paths.collection($0) == "/v1/\(parts[2])" })
        else { return nil }
        let id = String(parts[3])
        guard let ref = slug(for: id, in: dataset, as: [type]) else {
            return Slug.isValid(id) ? nil : "ids are lowercase slugs such as south-korea"
        }
        let rest = parts.count > 4 ? "/" + parts[4...].joined(separator: "/") : ""
        return "ids are lowercase slugs: did you mean \(Paths.resource(ref))\(rest)?"
    }
}
