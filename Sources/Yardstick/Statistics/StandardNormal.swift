import Foundation

/// The standard normal distribution.
public enum StandardNormal {
    /// P(Z > `z`) for a standard normal Z (`scipy.stats.norm.sf`), accurate in both tails.
    public static func survival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }
}
