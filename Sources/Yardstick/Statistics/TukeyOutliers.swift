/// Counts of observations outside Tukey's fences.
///
/// With Q1 and Q3 the 25th and 75th percentiles and IQR = Q3 − Q1, an observation is a *mild*
/// outlier beyond Q1 − 1.5·IQR or Q3 + 1.5·IQR, and a *severe* one beyond Q1 − 3·IQR or
/// Q3 + 3·IQR. Each observation is counted once, in the outermost class it falls in. Timings are
/// skewed right, so high outliers are common and usually mean interference (preemption, a page
/// fault); many low ones are unusual and worth a look.
public struct TukeyOutliers: Sendable, Hashable, Codable {
    /// Below Q1 − 3·IQR.
    public var lowSevere: Int
    /// Between Q1 − 3·IQR and Q1 − 1.5·IQR.
    public var lowMild: Int
    /// Between Q3 + 1.5·IQR and Q3 + 3·IQR.
    public var highMild: Int
    /// Above Q3 + 3·IQR.
    public var highSevere: Int

    /// All outliers.
    public var total: Int { lowSevere + lowMild + highMild + highSevere }

    /// Classifies the observations of `sample`. - Complexity: O(*n*).
    public init(of sample: Sample) {
        let q1 = sample.percentile(0.25)
        let q3 = sample.percentile(0.75)
        let iqr = q3 - q1
        var counts = (lowSevere: 0, lowMild: 0, highMild: 0, highSevere: 0)
        for x in sample.sorted {
            if x < q1 - 3 * iqr {
                counts.lowSevere += 1
            } else if x < q1 - 1.5 * iqr {
                counts.lowMild += 1
            } else if x > q3 + 3 * iqr {
                counts.highSevere += 1
            } else if x > q3 + 1.5 * iqr {
                counts.highMild += 1
            }
        }
        (lowSevere, lowMild, highMild, highSevere) = counts
    }
}
