#pragma once

namespace nightwatt::units {

// NIST SP 811, Appendix B: the international avoirdupois pound is exactly 453.59237 g.
inline constexpr double kGramsPerPound = 453.59237;

inline constexpr double poundsToGrams(double lb) { return lb * kGramsPerPound; }
inline constexpr double gramsToPounds(double g) { return g / kGramsPerPound; }
// lb CO2/kWh and g CO2/kWh differ by the same factor.
inline constexpr double lbPerKWhToGPerKWh(double lbPerKWh) { return lbPerKWh * kGramsPerPound; }
inline constexpr double gPerKWhToLbPerKWh(double gPerKWh) { return gPerKWh / kGramsPerPound; }

} // namespace nightwatt::units
