<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>mpenc::present</name>
    <message numerus="yes">
        <source>A message from %1 is waiting for %n earlier message(s) that have not arrived yet.</source>
        <translation>
            <numerusform>A message from %1 is waiting for %n earlier message that has not arrived yet.</numerusform>
            <numerusform>A message from %1 is waiting for %n earlier messages that have not arrived yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) sent by %1 could not be read.</source>
        <translation>
            <numerusform>%n packet sent by %1 could not be read.</numerusform>
            <numerusform>%n packets sent by %1 could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The end of our conversation was not confirmed by everyone; %n message(s) remain unconfirmed.</source>
        <translation>
            <numerusform>The end of our conversation was not confirmed by everyone; %n message remains unconfirmed.</numerusform>
            <numerusform>The end of our conversation was not confirmed by everyone; %n messages remain unconfirmed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The new session refers to %n earlier message(s) that never arrived here; this session cannot continue safely and has stopped.</source>
        <translation>
            <numerusform>The new session refers to %n earlier message that never arrived here; this session cannot continue safely and has stopped.</numerusform>
            <numerusform>The new session refers to %n earlier messages that never arrived here; this session cannot continue safely and has stopped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>An earlier session ended before %n message(s) were confirmed by everyone.</source>
        <translation>
            <numerusform>An earlier session ended before %n message was confirmed by everyone.</numerusform>
            <numerusform>An earlier session ended before %n messages were confirmed by everyone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Messages from here on are readable by %n member(s).</source>
        <translation>
            <numerusform>Messages from here on are readable by %n member.</numerusform>
            <numerusform>Messages from here on are readable by %n members.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1&apos;s change of the session refers to %n earlier message(s) that never reached you, so earlier messages may be missing here. The session continues without %1; you can add %1 again after comparing notes.</source>
        <translation>
            <numerusform>%1&apos;s change of the session refers to %n earlier message that never reached you, so earlier messages may be missing here. The session continues without %1; you can add %1 again after comparing notes.</numerusform>
            <numerusform>%1&apos;s change of the session refers to %n earlier messages that never reached you, so earlier messages may be missing here. The session continues without %1; you can add %1 again after comparing notes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::Composer</name>
    <message numerus="yes">
        <source>Message %1 (encrypted to %n member(s))…</source>
        <translation>
            <numerusform>Message %1 (encrypted to %n member)…</numerusform>
            <numerusform>Message %1 (encrypted to %n members)…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::DetailsPane</name>
    <message numerus="yes">
        <source>%n earlier message(s): scroll up to load them</source>
        <translation>
            <numerusform>%n earlier message: scroll up to load it</numerusform>
            <numerusform>%n earlier messages: scroll up to load them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::HistorySearch</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::MessageDelegate</name>
    <message numerus="yes">
        <source>to %n member(s)</source>
        <translation>
            <numerusform>to %n member</numerusform>
            <numerusform>to %n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::RoomHeader</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n message(s) waiting for earlier ones</source>
        <translation>
            <numerusform>⚠ %n message waiting for earlier ones</numerusform>
            <numerusform>⚠ %n messages waiting for earlier ones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n packet(s) not readable</source>
        <translation>
            <numerusform>⚠ %n packet not readable</numerusform>
            <numerusform>⚠ %n packets not readable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>◐ %n member(s): no response</source>
        <translation>
            <numerusform>◐ %n member: no response</numerusform>
            <numerusform>◐ %n members: no response</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>◐ %n message(s) awaiting acks</source>
        <translation>
            <numerusform>◐ %n message awaiting acks</numerusform>
            <numerusform>◐ %n messages awaiting acks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) arrived before earlier ones they depend on. They are shown as soon as those arrive.</source>
        <translation>
            <numerusform>%n message arrived before an earlier one it depends on. It is shown as soon as the earlier one arrives.</numerusform>
            <numerusform>%n messages arrived before earlier ones they depend on. They are shown as soon as those arrive.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) received recently could not be read.</source>
        <translation>
            <numerusform>%n packet received recently could not be read.</numerusform>
            <numerusform>%n packets received recently could not be read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::TranscriptModel</name>
    <message numerus="yes">
        <source>Replies to the message %n up.</source>
        <translation>
            <numerusform>Replies to the message %n up.</numerusform>
            <numerusform>Replies to %n messages up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent to %n member(s).</source>
        <translation>
            <numerusform>Sent to %n member.</numerusform>
            <numerusform>Sent to %n members.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::TrayNotifier</name>
    <message numerus="yes">
        <source>%n new encrypted message(s) in %1</source>
        <translation>
            <numerusform>%n new encrypted message in %1</numerusform>
            <numerusform>%n new encrypted messages in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n new message in %1</numerusform>
            <numerusform>%n new messages in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>mpENC Chat — %n unread message(s)</source>
        <translation>
            <numerusform>mpENC Chat — %n unread message</numerusform>
            <numerusform>mpENC Chat — %n unread messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::RoomHistory</name>
    <message numerus="yes">
        <source>%n saved row(s) of this room could not be read and are not shown: the history file may be damaged.</source>
        <translation>
            <numerusform>%n saved row of this room could not be read and is not shown: the history file may be damaged.</numerusform>
            <numerusform>%n saved rows of this room could not be read and are not shown: the history file may be damaged.</numerusform>
        </translation>
    </message>
</context>
</TS>
