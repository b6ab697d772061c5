#include "ui/room/transcript_text.h"

#include <QCoreApplication>
#include <QPalette>
#include <algorithm>

#include "ui/presentation/room_state.h"

namespace mpenc::ui::transcript {

using present::AckState;
using present::TranscriptItem;

namespace {
// The context is this namespace: lupdate files free functions' tr() under it.
QString tr(const char* s) {
  return QCoreApplication::translate("mpenc::ui::transcript", s);
}
}  // namespace

QString nameOf(const present::RoomState& state, const QString& id) {
  if (const auto* m = state.member(id); m && !m->name.isEmpty()) return m->name;
  const int slash = id.lastIndexOf(QLatin1Char('/'));
  return slash >= 0 ? id.mid(slash + 1) : id;
}

QStringList namesOf(const present::RoomState& state, const QStringList& ids) {
  QStringList out;
  out.reserve(ids.size());
  for (const auto& id : ids) out << nameOf(state, id);
  return out;
}

int otherReaders(const TranscriptItem& item) {
  int n = 0;
  for (const auto& r : item.readers)
    if (r != item.author) ++n;
  return n;
}

int ackedReaders(const TranscriptItem& item) {
  int missing = 0;
  for (const auto& u : item.unackedBy)
    if (u != item.author) ++missing;
  return std::max(0, otherReaders(item) - missing);
}

Annotation ackAnnotation(const present::RoomState& state, const TranscriptItem& item) {
  const int n = otherReaders(item);
  switch (item.ack) {
    case AckState::FullyAcked:
      if (n == 1) {  // "seen by all 1" reads oddly: name the one reader
        for (const auto& r : item.readers)
          if (r != item.author) return {tr("✓✓ seen by %1").arg(nameOf(state, r)), Tone::Success};
      }
      return {tr("✓✓ seen by all %1").arg(n), Tone::Success};
    case AckState::Waiting: {
      const QString who = namesOf(state, item.unackedBy).join(tr(", "));
      if (item.own)
        return {tr("%1/%2 · waiting for %3").arg(ackedReaders(item)).arg(n).arg(who), Tone::Warning};
      return {tr("waiting for %1").arg(who), Tone::Warning};
    }
    case AckState::Young:
      break;
  }
  if (n == 0) return {};
  return {tr("%1/%2").arg(ackedReaders(item)).arg(n), Tone::Faint};
}

Annotation markAnnotation(const TranscriptItem& item) {
  if (item.marks.isEmpty()) return {};
  // The most serious first: a permanent mark (U-18) outranks a passing one.
  const present::MessageMark* top = nullptr;
  for (const auto& m : item.marks) {
    if (m.code == QLatin1String("W-3")) continue;  // shown by the ack annotation (Waiting)
    if (!top || (m.permanent && !top->permanent)) top = &m;
  }
  if (!top) return {};
  QString label;
  if (top->code == QLatin1String("W-6"))
    label = tr("⚠ not confirmed");
  else if (top->code == QLatin1String("W-7"))
    label = tr("⚠ outside the final transcript");
  else if (top->code == QLatin1String("W-11"))
    label = tr("⚠ not confirmed (session dropped)");
  else
    label = tr("⚠ %1").arg(top->code);
  return {label, top->permanent ? Tone::Danger : Tone::Warning};
}

QColor mix(const QColor& a, const QColor& b, qreal t) {
  return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                          a.blueF() + (b.blueF() - a.blueF()) * t);
}

QColor toneColor(const QPalette& palette, Tone tone) {
  const QColor base = palette.color(QPalette::Base);
  const QColor text = palette.color(QPalette::Text);
  const bool dark = base.lightness() < 128;
  switch (tone) {
    case Tone::Faint:
      return mix(text, base, 0.5);
    case Tone::Normal:
      return text;
    case Tone::Success:
      return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    case Tone::Progress:
      return dark ? QColor(0x58, 0xa6, 0xff) : QColor(0x09, 0x69, 0xda);
    case Tone::Warning:
      return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case Tone::Danger:
      return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case Tone::Accent:
      return palette.color(QPalette::Highlight);
    case Tone::Membership:
      return dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf);
  }
  return text;
}

Tone severityTone(present::Severity s) {
  switch (s) {
    case present::Severity::Info:
      return Tone::Faint;
    case present::Severity::Success:
      return Tone::Success;
    case present::Severity::Progress:
      return Tone::Progress;
    case present::Severity::Warning:
      return Tone::Warning;
    case present::Severity::Fatal:
      return Tone::Danger;
  }
  return Tone::Faint;
}

}  // namespace mpenc::ui::transcript
