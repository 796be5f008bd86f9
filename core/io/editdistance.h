#pragma once

#include <QString>

namespace nightwatt {

// Levenshtein distance: the fewest single-character insertions, deletions and substitutions that
// turn `a` into `b`. Used to suggest what a person probably meant (a grid region, a command).
int editDistance(const QString &a, const QString &b);

} // namespace nightwatt
