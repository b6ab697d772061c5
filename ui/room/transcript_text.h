// Shared wording and colours of the transcript widgets (TranscriptModel,
// MessageDelegate, DetailsPane): member names, the ack annotation (U-15/U-16),
// the short labels of message marks (U-18) and the palette-derived tones.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

class QPalette;

namespace mpenc::present {
class RoomState;
struct TranscriptItem;
enum class Severity;
}  // namespace mpenc::present

namespace mpenc::ui::transcript {

/// A member's display name: the nick from RoomState, else the occupant JID's
/// resource (room@host/nick), else the ID as is.
QString nameOf(const present::RoomState& state, const QString& id);
QStringList namesOf(const present::RoomState& state, const QStringList& ids);

/// Readers other than the author (the N of "seen by all N" and "n/N").
int otherReaders(const present::TranscriptItem& item);
/// Readers other than the author who acknowledged the message (the n of "n/N").
int ackedReaders(const present::TranscriptItem& item);

enum class Tone { Faint, Normal, Success, Progress, Warning, Danger, Accent, Membership };

struct Annotation {
  QString text;
  Tone tone = Tone::Faint;
};

/// The right-aligned ack annotation of a message row (U-15/U-16): faint
/// progress while young, green "✓✓ seen by all N", amber "waiting for …",
/// and "n/N · waiting for …" on our own messages.
Annotation ackAnnotation(const present::RoomState& state, const present::TranscriptItem& item);
/// The short label of a message's marks ("⚠ not confirmed"), empty without marks (U-18).
Annotation markAnnotation(const present::TranscriptItem& item);

/// A colour for `tone` readable on the palette's base (light and dark themes).
QColor toneColor(const QPalette& palette, Tone tone);
Tone severityTone(present::Severity s);
/// `a` blended towards `b` by `t` (0 = a, 1 = b).
QColor mix(const QColor& a, const QColor& b, qreal t);

}  // namespace mpenc::ui::transcript
