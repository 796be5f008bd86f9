#pragma once

namespace nightwatt::units {

// NIST SP 811, Appendix B: the international avoirdupois pound is exactly 453.59237 g.
inline constexpr double kGramsPerPound = 453.59237;

inline constexpr double poundsToGrams(double lb) { return lb * kGramsPerPound; }
inline constexpr double gramsToPounds(double g) { return g / kGramsPerPound; }
// lb CO2/kWh and g CO2/kWh differ by the same factor.
inline constexpr double lbPerKWhToGPerKWh(double lbPerKWh) { return lbPerKWh * kGramsPerPound; }
inline constexpr double gPerKWhToLbPerKWh(double gPerKWh) { return gPerKWh / kGramsPerPound; }
// eGRID publishes lb/MWh: 1 lb/MWh = 453.59237 g per 1000 kWh = 0.45359237 g/kWh.
inline constexpr double lbPerMWhToGPerKWh(double lbPerMWh) { return lbPerMWh * kGramsPerPound / 1000.0; }
inline constexpr double gPerKWhToLbPerMWh(double gPerKWh) { return gPerKWh * 1000.0 / kGramsPerPound; }

} // namespace nightwatt::units
