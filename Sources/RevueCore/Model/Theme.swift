/// The digest's sections, in the order they are printed.
public enum Theme: String, CaseIterable, Codable, Sendable, Comparable {
    case politique, economie, societe, international, sport, culture, meteo, sante, sciences, autre

    /// The French section title.
    public var label: String {
        switch self {
        case .politique: "Politique"
        case .economie: "Économie"
        case .societe: "Société"
        case .international: "International"
        case .sport: "Sport"
        case .culture: "Culture"
        case .meteo: "Météo"
        case .sante: "Santé"
        case .sciences: "Sciences & tech"
        case .autre: "Autres"
        }
    }

    public static func < (a: Theme, b: Theme) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
