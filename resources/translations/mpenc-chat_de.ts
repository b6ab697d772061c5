<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <source>no key</source>
        <translation>kein Schlüssel</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>nicht verifiziert</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verifiziert</translation>
    </message>
    <message>
        <source>key changed</source>
        <translation>Schlüssel geändert</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>joining the room</source>
        <translation>Raum wird betreten</translation>
    </message>
    <message>
        <source>setting up the encrypted session</source>
        <translation>verschlüsselte Sitzung wird aufgebaut</translation>
    </message>
    <message>
        <source>nobody else with encryption here yet</source>
        <translation>noch niemand sonst mit Verschlüsselung hier</translation>
    </message>
    <message>
        <source>encrypted session</source>
        <translation>verschlüsselte Sitzung</translation>
    </message>
    <message>
        <source>leaving</source>
        <translation>wird verlassen</translation>
    </message>
    <message>
        <source>not in the room</source>
        <translation>nicht im Raum</translation>
    </message>
    <message>
        <source>session stopped</source>
        <translation>Sitzung angehalten</translation>
    </message>
    <message>
        <source>Bookmarks are not available here.</source>
        <translation>Lesezeichen sind hier nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>XMPP group chat with mpENC end-to-end encryption (%1).</source>
        <translation>XMPP-Gruppenchat mit mpENC-Ende-zu-Ende-Verschlüsselung (%1).</translation>
    </message>
    <message>
        <source>Open the main window, let the event loop run once, then quit (for CI).</source>
        <translation>Hauptfenster öffnen, die Ereignisschleife einmal laufen lassen, dann beenden (für CI).</translation>
    </message>
    <message>
        <source>With --smoke-test: save the window as a PNG to &lt;file&gt;.</source>
        <translation>Mit --smoke-test: das Fenster als PNG in &lt;file&gt; speichern.</translation>
    </message>
    <message>
        <source>With --smoke-test: run the event loop for &lt;ms&gt; milliseconds before the screenshot.</source>
        <translation>Mit --smoke-test: die Ereignisschleife vor dem Bildschirmfoto &lt;ms&gt; Millisekunden laufen lassen.</translation>
    </message>
    <message>
        <source>Open an offline demo room whose other members are simulated on this computer (the real encryption engine, no server, nothing is sent anywhere).</source>
        <translation>Einen Offline-Demoraum öffnen, dessen andere Mitglieder auf diesem Computer simuliert werden (die echte Verschlüsselung, kein Server, nichts wird irgendwohin gesendet).</translation>
    </message>
    <message>
        <source>No window: JSON commands on stdin, JSON events on stdout (docs/headless.md).</source>
        <translation>Kein Fenster: JSON-Befehle auf stdin, JSON-Ereignisse auf stdout (docs/headless.md).</translation>
    </message>
    <message>
        <source>With --headless: keep identity keys and the trust store in &lt;dir&gt; (not the keychain).</source>
        <translation>Mit --headless: Identitätsschlüssel und Vertrauensspeicher in &lt;dir&gt; ablegen (nicht im Schlüsselbund).</translation>
    </message>
    <message>
        <source>With --headless: include members who enter the room automatically (bots, tests).</source>
        <translation>Mit --headless: Mitglieder, die den Raum betreten, automatisch aufnehmen (Bots, Tests).</translation>
    </message>
    <message>
        <source>With --headless: short protocol timers, for tests and benchmarks only.</source>
        <translation>Mit --headless: kurze Protokoll-Timer, nur für Tests und Benchmarks.</translation>
    </message>
    <message>
        <source>Keep settings, keys and trust in &lt;dir&gt; instead of the standard locations (also MPENC_PROFILE). One running window per profile.</source>
        <translation>Einstellungen, Schlüssel und Vertrauen in &lt;dir&gt; statt an den Standardorten ablegen (auch MPENC_PROFILE). Ein laufendes Fenster pro Profil.</translation>
    </message>
    <message>
        <source>Print the version of mpENC Chat and of the Qt, QXmpp and libsodium it was built with and runs with, then exit.</source>
        <translation>Die Version von mpENC Chat und von Qt, QXmpp und libsodium ausgeben, mit denen es gebaut wurde und läuft, dann beenden.</translation>
    </message>
</context>
<context>
    <name>mpenc::demo::DemoClient</name>
    <message>
        <source>this demo only (nothing is stored)</source>
        <translation>nur diese Demo (nichts wird gespeichert)</translation>
    </message>
    <message>
        <source>This is the offline demo: it cannot connect to a server. Start mpenc-chat without --demo to use a real account.</source>
        <translation>Dies ist die Offline-Demo: Sie kann keine Verbindung zu einem Server herstellen. Starten Sie mpenc-chat ohne --demo, um ein echtes Konto zu verwenden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a room address. Type it as name@server, for example design@demo.invalid.</source>
        <translation>„%1“ ist keine Raumadresse. Geben Sie sie als name@server ein, zum Beispiel design@demo.invalid.</translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation>%1 ist bereits geöffnet.</translation>
    </message>
    <message>
        <source>The demo opens at most %1 rooms. Close one first.</source>
        <translation>Die Demo öffnet höchstens %1 Räume. Schließen Sie zuerst einen.</translation>
    </message>
    <message>
        <source>A nickname cannot contain &quot;/&quot; or &quot;@&quot;. Choose another one.</source>
        <translation>Ein Spitzname darf weder „/“ noch „@“ enthalten. Wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>The nickname %1 is taken in this room. Choose another one.</source>
        <translation>Der Spitzname %1 ist in diesem Raum schon vergeben. Wählen Sie einen anderen.</translation>
    </message>
</context>
<context>
    <name>mpenc::demo::DemoRoom</name>
    <message>
        <source>You are not in the room. Use &quot;Start a new session&quot; to enter it again.</source>
        <translation>Sie sind nicht im Raum. Mit „Neue Sitzung starten“ betreten Sie ihn erneut.</translation>
    </message>
    <message>
        <source>The encrypted session is not set up yet. Wait a moment until it is established, then try again.</source>
        <translation>Die verschlüsselte Sitzung ist noch nicht aufgebaut. Warten Sie einen Moment, bis sie steht, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>You are leaving this session. Use &quot;Start a new session&quot; to keep talking.</source>
        <translation>Sie verlassen diese Sitzung. Mit „Neue Sitzung starten“ können Sie weiterschreiben.</translation>
    </message>
    <message>
        <source>This session has stopped. Use &quot;Start a new session&quot; to continue.</source>
        <translation>Diese Sitzung wurde angehalten. Mit „Neue Sitzung starten“ geht es weiter.</translation>
    </message>
    <message>
        <source>The message could not be sent in this session. Shorten it or try again in a moment.</source>
        <translation>Die Nachricht konnte in dieser Sitzung nicht gesendet werden. Kürzen Sie sie oder versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>%1 is not in this room. Check the name and try again.</source>
        <translation>%1 ist nicht in diesem Raum. Prüfen Sie den Namen und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>You are not in the encrypted session yet. Wait until you are added, then try again.</source>
        <translation>Sie sind noch nicht in der verschlüsselten Sitzung. Warten Sie, bis Sie aufgenommen wurden, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Another membership change is in progress. Wait until it finishes, then try again.</source>
        <translation>Eine andere Änderung der Mitgliedschaft läuft gerade. Warten Sie, bis sie abgeschlossen ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>You were removed from this session. Use &quot;Start a new session&quot; to rejoin.</source>
        <translation>Sie wurden aus dieser Sitzung entfernt. Mit „Neue Sitzung starten“ treten Sie wieder bei.</translation>
    </message>
    <message>
        <source>%1 is not in the room right now. Wait until they enter, then try again.</source>
        <translation>%1 ist gerade nicht im Raum. Warten Sie, bis %1 den Raum betritt, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>%1 must leave the room and come back before they can be added again. Try again in a moment.</source>
        <translation>%1 muss den Raum verlassen und erneut betreten, bevor eine erneute Aufnahme möglich ist. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Add and remove members in two separate steps.</source>
        <translation>Fügen Sie Mitglieder in getrennten Schritten hinzu und entfernen Sie sie.</translation>
    </message>
    <message>
        <source>To remove yourself, leave the room.</source>
        <translation>Um sich selbst zu entfernen, verlassen Sie den Raum.</translation>
    </message>
    <message>
        <source>Nothing to change: %1 already has that membership.</source>
        <translation>Nichts zu ändern: %1 hat diese Mitgliedschaft bereits.</translation>
    </message>
    <message>
        <source>The membership change could not be started. Try again in a moment.</source>
        <translation>Die Änderung der Mitgliedschaft konnte nicht gestartet werden. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Choose at least one member first.</source>
        <translation>Wählen Sie zuerst mindestens ein Mitglied.</translation>
    </message>
    <message>
        <source>Type a message first.</source>
        <translation>Schreiben Sie zuerst eine Nachricht.</translation>
    </message>
    <message>
        <source>%1&apos;s key changed. Verify or accept the new key first, then add them.</source>
        <translation>Der Schlüssel von %1 hat sich geändert. Verifizieren oder akzeptieren Sie zuerst den neuen Schlüssel, dann können Sie %1 hinzufügen.</translation>
    </message>
    <message>
        <source>No key is known for %1 yet. Wait until they enter the room.</source>
        <translation>Für %1 ist noch kein Schlüssel bekannt. Warten Sie, bis %1 den Raum betritt.</translation>
    </message>
    <message>
        <source>The fingerprint does not match the key %1 uses now. Compare it again, over a channel you trust (in person or by phone).</source>
        <translation>Der Fingerabdruck passt nicht zu dem Schlüssel, den %1 jetzt verwendet. Vergleichen Sie ihn noch einmal über einen Weg, dem Sie vertrauen (persönlich oder telefonisch).</translation>
    </message>
    <message>
        <source>%1&apos;s key has not changed: there is nothing to accept.</source>
        <translation>Der Schlüssel von %1 hat sich nicht geändert: Es gibt nichts zu akzeptieren.</translation>
    </message>
    <message>
        <source>The room is busy. Try again in a moment.</source>
        <translation>Der Raum ist beschäftigt. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Offline demo: the other members are simulated on this computer, each running the real encryption engine. Nothing is sent over the network and nothing is stored.</source>
        <translation>Offline-Demo: Die anderen Mitglieder werden auf diesem Computer simuliert, jedes mit der echten Verschlüsselung. Nichts wird über das Netzwerk gesendet und nichts gespeichert.</translation>
    </message>
    <message>
        <source>Morning! The release notes for 2.4 are in the shared folder.</source>
        <translation>Moin! Die Versionshinweise für 2.4 liegen im gemeinsamen Ordner.</translation>
    </message>
    <message>
        <source>Thanks, reading them now.</source>
        <translation>Danke, ich lese sie gerade.</translation>
    </message>
    <message>
        <source>Great, I&apos;ll check the migration part.</source>
        <translation>Super, ich schaue mir den Teil zur Migration an.</translation>
    </message>
    <message>
        <source>Carol, can you confirm the migration steps?</source>
        <translation>Carol, kannst du die Migrationsschritte bestätigen?</translation>
    </message>
    <message>
        <source>Confirmed: steps 1 to 4 work as written.</source>
        <translation>Bestätigt: Die Schritte 1 bis 4 funktionieren wie beschrieben.</translation>
    </message>
    <message>
        <source>Hi all, thanks for adding me.</source>
        <translation>Hallo zusammen, danke fürs Hinzufügen.</translation>
    </message>
    <message>
        <source>Dave moves to the platform team today, so I&apos;m removing him from this room.</source>
        <translation>Dave wechselt heute ins Plattform-Team, deshalb entferne ich ihn aus diesem Raum.</translation>
    </message>
    <message>
        <source>Stepping out for lunch, back soon.</source>
        <translation>Ich bin kurz beim Mittagessen, bald zurück.</translation>
    </message>
    <message>
        <source>Build 2.4.0-rc2 passed all checks.</source>
        <translation>Build 2.4.0-rc2 hat alle Prüfungen bestanden.</translation>
    </message>
    <message>
        <source>Got it — %1</source>
        <translation>Verstanden — %1</translation>
    </message>
    <message>
        <source>Thanks! Noted: %1</source>
        <translation>Danke! Notiert: %1</translation>
    </message>
    <message>
        <source>Sounds good — %1</source>
        <translation>Klingt gut — %1</translation>
    </message>
    <message>
        <source>OK, %1</source>
        <translation>OK, %1</translation>
    </message>
</context>
<context>
    <name>mpenc::present</name>
    <message numerus="yes">
        <source>A message from %1 is waiting for %n earlier message(s) that have not arrived yet.</source>
        <translation>
            <numerusform>Eine Nachricht von %1 wartet auf %n frühere Nachricht, die noch nicht angekommen ist.</numerusform>
            <numerusform>Eine Nachricht von %1 wartet auf %n frühere Nachrichten, die noch nicht angekommen sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>The earlier message arrived; nothing is waiting for it any more.</source>
        <translation>Die frühere Nachricht ist angekommen; nichts wartet mehr darauf.</translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) sent by %1 could not be read.</source>
        <translation>
            <numerusform>%n Paket von %1 konnte nicht gelesen werden.</numerusform>
            <numerusform>%n Pakete von %1 konnten nicht gelesen werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>A message from %1 has not been acknowledged yet by: %2.</source>
        <translation>Eine Nachricht von %1 wurde noch nicht bestätigt von: %2.</translation>
    </message>
    <message>
        <source>Not acknowledged yet by %1.</source>
        <translation>Noch nicht bestätigt von %1.</translation>
    </message>
    <message>
        <source>A message that arrived from %1 could not be accepted and was set aside.</source>
        <translation>Eine von %1 eingetroffene Nachricht konnte nicht angenommen werden und wurde beiseitegelegt.</translation>
    </message>
    <message>
        <source>A message that arrived from %1 could not be accepted (%2) and was set aside.</source>
        <translation>Eine von %1 eingetroffene Nachricht konnte nicht angenommen werden (%2) und wurde beiseitegelegt.</translation>
    </message>
    <message>
        <source>Two conflicting messages signed as %1 were received; this session cannot continue safely and has stopped.</source>
        <translation>Zwei widersprüchliche, als %1 signierte Nachrichten sind eingetroffen; diese Sitzung kann nicht sicher fortgesetzt werden und wurde angehalten.</translation>
    </message>
    <message numerus="yes">
        <source>The end of our conversation was not confirmed by everyone; %n message(s) remain unconfirmed.</source>
        <translation>
            <numerusform>Das Ende unseres Gesprächs wurde nicht von allen bestätigt; %n Nachricht bleibt unbestätigt.</numerusform>
            <numerusform>Das Ende unseres Gesprächs wurde nicht von allen bestätigt; %n Nachrichten bleiben unbestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not confirmed by everyone when the conversation ended.</source>
        <translation>Beim Ende des Gesprächs nicht von allen bestätigt.</translation>
    </message>
    <message>
        <source>A message from %1 arrived after we closed the conversation; it is not part of the confirmed transcript.</source>
        <translation>Eine Nachricht von %1 ist nach dem Abschluss unseres Gesprächs eingetroffen; sie gehört nicht zum bestätigten Gesprächsverlauf.</translation>
    </message>
    <message>
        <source>Arrived after the conversation was closed; not part of the confirmed transcript.</source>
        <translation>Nach dem Abschluss des Gesprächs eingetroffen; gehört nicht zum bestätigten Gesprächsverlauf.</translation>
    </message>
    <message>
        <source>%1 is not responding: nothing has been heard from them for %2 s.</source>
        <translation>%1 antwortet nicht: seit %2 s kam von dort keine Rückmeldung.</translation>
    </message>
    <message>
        <source>%1 is responding again.</source>
        <translation>%1 antwortet wieder.</translation>
    </message>
    <message>
        <source>no response for %1 s</source>
        <translation>seit %1 s keine Antwort</translation>
    </message>
    <message>
        <source>The membership history named by a new operation differs from the one seen here; the order of events may not be the same for everyone.</source>
        <translation>Der Mitgliedschaftsverlauf, auf den sich ein neuer Vorgang bezieht, weicht von dem hier gesehenen ab; die Reihenfolge der Ereignisse ist möglicherweise nicht für alle gleich.</translation>
    </message>
    <message>
        <source>The membership history acknowledged by %1 differs from the one seen here.</source>
        <translation>Der von %1 bestätigte Mitgliedschaftsverlauf weicht von dem hier gesehenen ab.</translation>
    </message>
    <message>
        <source>Confirmation of the membership history has not arrived from: %1.</source>
        <translation>Die Bestätigung des Mitgliedschaftsverlaufs ist noch nicht eingetroffen von: %1.</translation>
    </message>
    <message numerus="yes">
        <source>The new session refers to %n earlier message(s) that never arrived here; this session cannot continue safely and has stopped.</source>
        <translation>
            <numerusform>Die neue Sitzung bezieht sich auf %n frühere Nachricht, die hier nie angekommen ist; diese Sitzung kann nicht sicher fortgesetzt werden und wurde angehalten.</numerusform>
            <numerusform>Die neue Sitzung bezieht sich auf %n frühere Nachrichten, die hier nie angekommen sind; diese Sitzung kann nicht sicher fortgesetzt werden und wurde angehalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>An earlier session ended before %n message(s) were confirmed by everyone.</source>
        <translation>
            <numerusform>Eine frühere Sitzung endete, bevor %n Nachricht von allen bestätigt war.</numerusform>
            <numerusform>Eine frühere Sitzung endete, bevor %n Nachrichten von allen bestätigt waren.</numerusform>
        </translation>
    </message>
    <message>
        <source>The session ended before everyone confirmed this message.</source>
        <translation>Die Sitzung endete, bevor alle diese Nachricht bestätigt hatten.</translation>
    </message>
    <message>
        <source>%1 reported that this session cannot continue for them.</source>
        <translation>%1 meldet, dass diese Sitzung auf der eigenen Seite nicht fortgesetzt werden kann.</translation>
    </message>
    <message>
        <source>%1 reported a problem with this session.</source>
        <translation>%1 hat ein Problem mit dieser Sitzung gemeldet.</translation>
    </message>
    <message>
        <source>The identity key of %1 is not the one pinned for %2. Compare fingerprints with them out of band before trusting this session.</source>
        <translation>Der Identitätsschlüssel von %1 ist nicht der für %2 hinterlegte. Vergleichen Sie die Fingerabdrücke auf einem anderen Weg, bevor Sie dieser Sitzung vertrauen.</translation>
    </message>
    <message>
        <source>The identity key of %1 changed. Compare keys with them before trusting what they send.</source>
        <translation>Der Identitätsschlüssel von %1 hat sich geändert. Vergleichen Sie die Schlüssel, bevor Sie den Nachrichten von %1 vertrauen.</translation>
    </message>
    <message>
        <source>Your proposal was accepted; the change is in progress.</source>
        <translation>Ihr Vorschlag wurde angenommen; die Änderung läuft.</translation>
    </message>
    <message>
        <source>Your proposal was not carried out because another change came first. You can propose it again.</source>
        <translation>Ihr Vorschlag wurde nicht ausgeführt, weil eine andere Änderung zuerst kam. Sie können ihn erneut vorschlagen.</translation>
    </message>
    <message>
        <source>Your proposal could not be carried out. You can propose it again.</source>
        <translation>Ihr Vorschlag konnte nicht ausgeführt werden. Sie können ihn erneut vorschlagen.</translation>
    </message>
    <message>
        <source>%1 is removing you from the encrypted session.</source>
        <translation>%1 entfernt Sie aus der verschlüsselten Sitzung.</translation>
    </message>
    <message>
        <source>%1 is including you in the encrypted session.</source>
        <translation>%1 nimmt Sie in die verschlüsselte Sitzung auf.</translation>
    </message>
    <message>
        <source>%1 is including you and %2 in the encrypted session.</source>
        <translation>%1 nimmt Sie und %2 in die verschlüsselte Sitzung auf.</translation>
    </message>
    <message>
        <source>Adding %1 and removing %2…</source>
        <translation>%1 wird hinzugefügt und %2 entfernt…</translation>
    </message>
    <message>
        <source>%1 is adding %2 and removing %3…</source>
        <translation>%1 fügt %2 hinzu und entfernt %3…</translation>
    </message>
    <message>
        <source>Adding %1 to the encrypted session…</source>
        <translation>%1 wird zur verschlüsselten Sitzung hinzugefügt…</translation>
    </message>
    <message>
        <source>%1 is adding %2 to the encrypted session…</source>
        <translation>%1 fügt %2 zur verschlüsselten Sitzung hinzu…</translation>
    </message>
    <message>
        <source>Removing %1 from the encrypted session…</source>
        <translation>%1 wird aus der verschlüsselten Sitzung entfernt…</translation>
    </message>
    <message>
        <source>%1 is removing %2 from the encrypted session…</source>
        <translation>%1 entfernt %2 aus der verschlüsselten Sitzung…</translation>
    </message>
    <message>
        <source>Renewing the session key…</source>
        <translation>Der Sitzungsschlüssel wird erneuert…</translation>
    </message>
    <message>
        <source>%1 is renewing the session key…</source>
        <translation>%1 erneuert den Sitzungsschlüssel…</translation>
    </message>
    <message>
        <source>Until this is finished, new messages still go to %1 as well.</source>
        <translation>Bis dies abgeschlossen ist, gehen neue Nachrichten weiterhin auch an %1.</translation>
    </message>
    <message>
        <source>You were removed from the encrypted session.</source>
        <translation>Sie wurden aus der verschlüsselten Sitzung entfernt.</translation>
    </message>
    <message>
        <source>You joined the encrypted session.</source>
        <translation>Sie sind der verschlüsselten Sitzung beigetreten.</translation>
    </message>
    <message>
        <source>You and %1 joined the encrypted session.</source>
        <translation>Sie und %1 sind der verschlüsselten Sitzung beigetreten.</translation>
    </message>
    <message>
        <source>%1 joined and %2 left the encrypted session.</source>
        <translation>Der verschlüsselten Sitzung beigetreten: %1; ausgetreten: %2.</translation>
    </message>
    <message>
        <source>%1 joined the encrypted session.</source>
        <translation>Der verschlüsselten Sitzung beigetreten: %1.</translation>
    </message>
    <message>
        <source>%1 was removed from the encrypted session.</source>
        <translation>Aus der verschlüsselten Sitzung entfernt: %1.</translation>
    </message>
    <message>
        <source>The session key was renewed.</source>
        <translation>Der Sitzungsschlüssel wurde erneuert.</translation>
    </message>
    <message>
        <source>The membership change did not complete: a member left the room.</source>
        <translation>Die Änderung der Mitgliedschaft wurde nicht abgeschlossen: Ein Mitglied hat den Raum verlassen.</translation>
    </message>
    <message>
        <source>The membership change did not complete: %1 left the room.</source>
        <translation>Die Änderung der Mitgliedschaft wurde nicht abgeschlossen: Den Raum verlassen hat %1.</translation>
    </message>
    <message>
        <source>The membership change was cancelled.</source>
        <translation>Die Änderung der Mitgliedschaft wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The membership change was cancelled by %1.</source>
        <translation>Die Änderung der Mitgliedschaft wurde von %1 abgebrochen.</translation>
    </message>
    <message>
        <source>The membership change did not complete in time and was cancelled. It can be proposed again.</source>
        <translation>Die Änderung der Mitgliedschaft wurde nicht rechtzeitig abgeschlossen und deshalb abgebrochen. Sie kann erneut vorgeschlagen werden.</translation>
    </message>
    <message>
        <source>No answer from %1, so adding them was cancelled; the session goes on unchanged. They are not added automatically again until they re-enter the room, but you can still invite them.</source>
        <translation>Keine Antwort von %1, daher wurde das Hinzufügen abgebrochen; die Sitzung läuft unverändert weiter. Automatisch hinzugefügt wird erst wieder nach erneutem Betreten des Raums, einladen können Sie aber jederzeit.</translation>
    </message>
    <message>
        <source>The membership change did not complete because you left the room.</source>
        <translation>Die Änderung der Mitgliedschaft wurde nicht abgeschlossen, weil Sie den Raum verlassen haben.</translation>
    </message>
    <message>
        <source>%1 entered the room and is not in the encrypted session yet.</source>
        <translation>Neu im Raum und noch nicht in der verschlüsselten Sitzung: %1.</translation>
    </message>
    <message>
        <source>A membership change did not complete in time; leaving the room for a moment to recover.</source>
        <translation>Eine Änderung der Mitgliedschaft wurde nicht rechtzeitig abgeschlossen; der Raum wird kurz verlassen, um das zu beheben.</translation>
    </message>
    <message>
        <source>A membership message that arrived from %1 could not be used and was ignored.</source>
        <translation>Eine von %1 eingetroffene Mitgliedschaftsnachricht konnte nicht verwendet werden und wurde ignoriert.</translation>
    </message>
    <message>
        <source>Nobody included you yet; entering the room again to ask once more.</source>
        <translation>Sie wurden noch nicht aufgenommen; der Raum wird erneut betreten, um noch einmal anzufragen.</translation>
    </message>
    <message>
        <source>Waiting for a member to add you to the encrypted session. They see that you entered and can add you; until then you cannot send.</source>
        <translation>Warten darauf, dass ein Mitglied Sie in die verschlüsselte Sitzung aufnimmt. Die Mitglieder sehen, dass Sie den Raum betreten haben, und können Sie aufnehmen; bis dahin können Sie nichts senden.</translation>
    </message>
    <message>
        <source>Nobody has added you to the encrypted session yet, also after entering the room again to ask once more. A member in the room can add you; mpENC Chat keeps asking now and then.</source>
        <translation>Niemand hat Sie bisher in die verschlüsselte Sitzung aufgenommen, auch nicht nach erneutem Betreten des Raums. Ein Mitglied im Raum kann Sie aufnehmen; mpENC Chat fragt von Zeit zu Zeit erneut an.</translation>
    </message>
    <message>
        <source>%1 is leaving the encrypted session.</source>
        <translation>%1 verlässt die verschlüsselte Sitzung.</translation>
    </message>
    <message>
        <source>adding %1, removing %2</source>
        <translation>%1 wird hinzugefügt, %2 entfernt</translation>
    </message>
    <message>
        <source>adding %1</source>
        <translation>%1 wird hinzugefügt</translation>
    </message>
    <message>
        <source>removing %1</source>
        <translation>%1 wird entfernt</translation>
    </message>
    <message>
        <source>renewing the session key</source>
        <translation>Sitzungsschlüssel wird erneuert</translation>
    </message>
    <message>
        <source>being added</source>
        <translation>wird hinzugefügt</translation>
    </message>
    <message>
        <source>being removed</source>
        <translation>wird entfernt</translation>
    </message>
    <message>
        <source>Encrypted session established.</source>
        <translation>Verschlüsselte Sitzung aufgebaut.</translation>
    </message>
    <message>
        <source>Encrypted session established with %1.</source>
        <translation>Verschlüsselte Sitzung mit %1 aufgebaut.</translation>
    </message>
    <message numerus="yes">
        <source>Messages from here on are readable by %n member(s).</source>
        <translation>
            <numerusform>Nachrichten ab hier kann %n Mitglied lesen.</numerusform>
            <numerusform>Nachrichten ab hier können %n Mitglieder lesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The encrypted session ended.</source>
        <translation>Die verschlüsselte Sitzung ist beendet.</translation>
    </message>
    <message>
        <source>The encrypted session ended before everything in it was confirmed by everyone.</source>
        <translation>Die verschlüsselte Sitzung endete, bevor alles darin von allen bestätigt war.</translation>
    </message>
    <message>
        <source>You left the room.</source>
        <translation>Sie haben den Raum verlassen.</translation>
    </message>
    <message>
        <source>You were removed from the room.</source>
        <translation>Sie wurden aus dem Raum entfernt.</translation>
    </message>
    <message>
        <source>You may not enter this room any more.</source>
        <translation>Sie dürfen diesen Raum nicht mehr betreten.</translation>
    </message>
    <message>
        <source>You are no longer in the room.</source>
        <translation>Sie sind nicht mehr im Raum.</translation>
    </message>
    <message>
        <source>The connection to the room was lost.</source>
        <translation>Die Verbindung zum Raum ist abgebrochen.</translation>
    </message>
    <message>
        <source>The room did not answer in time.</source>
        <translation>Der Raum hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>(Details: %1.)</source>
        <translation>(Details: %1.)</translation>
    </message>
    <message>
        <source>Could not enter the room.</source>
        <translation>Der Raum konnte nicht betreten werden.</translation>
    </message>
    <message>
        <source>Could not enter the room: %1</source>
        <translation>Der Raum konnte nicht betreten werden: %1</translation>
    </message>
    <message>
        <source>Not encrypted, from %1: %2</source>
        <translation>Unverschlüsselt, von %1: %2</translation>
    </message>
    <message>
        <source>%1 could not be removed from the room.</source>
        <translation>%1 konnte nicht aus dem Raum entfernt werden.</translation>
    </message>
    <message>
        <source>%1 could not be removed from the room: %2</source>
        <translation>%1 konnte nicht aus dem Raum entfernt werden: %2</translation>
    </message>
    <message>
        <source>Offline: waiting for the connection.</source>
        <translation>Offline: Warten auf die Verbindung.</translation>
    </message>
    <message>
        <source>Not in the room.</source>
        <translation>Nicht im Raum.</translation>
    </message>
    <message>
        <source>Nobody to encrypt to yet.</source>
        <translation>Noch niemand, für den verschlüsselt werden kann.</translation>
    </message>
    <message>
        <source>The encrypted session is being set up.</source>
        <translation>Die verschlüsselte Sitzung wird aufgebaut.</translation>
    </message>
    <message>
        <source>Leaving this encrypted session.</source>
        <translation>Diese verschlüsselte Sitzung wird verlassen.</translation>
    </message>
    <message>
        <source>This session stopped. Start a new session to continue.</source>
        <translation>Diese Sitzung wurde angehalten. Starten Sie eine neue Sitzung, um fortzufahren.</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>Einladen</translation>
    </message>
    <message>
        <source>Start a new session</source>
        <translation>Neue Sitzung starten</translation>
    </message>
    <message>
        <source>Compare keys</source>
        <translation>Schlüssel vergleichen</translation>
    </message>
    <message>
        <source>Remove from the session</source>
        <translation>Aus der Sitzung entfernen</translation>
    </message>
    <message numerus="yes">
        <source>%1&apos;s change of the session refers to %n earlier message(s) that never reached you, so earlier messages may be missing here. The session continues without %1; you can add %1 again after comparing notes.</source>
        <translation>
            <numerusform>Die Änderung der Sitzung durch %1 bezieht sich auf %n frühere Nachricht, die Sie nie erreicht hat; hier können also frühere Nachrichten fehlen. Die Sitzung wird ohne %1 fortgesetzt; Sie können %1 wieder hinzufügen, nachdem Sie sich abgestimmt haben.</numerusform>
            <numerusform>Die Änderung der Sitzung durch %1 bezieht sich auf %n frühere Nachrichten, die Sie nie erreicht haben; hier können also frühere Nachrichten fehlen. Die Sitzung wird ohne %1 fortgesetzt; Sie können %1 wieder hinzufügen, nachdem Sie sich abgestimmt haben.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::AboutDialog</name>
    <message>
        <source>About mpENC Chat</source>
        <translation>Über mpENC Chat</translation>
    </message>
    <message>
        <source>mpENC Chat icon</source>
        <translation>Symbol von mpENC Chat</translation>
    </message>
    <message>
        <source>&lt;h2&gt;mpENC Chat %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;mpENC Chat %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Group chat in XMPP rooms with mpENC end-to-end encryption.</source>
        <translation>Gruppenchat in XMPP-Räumen mit mpENC-Ende-zu-Ende-Verschlüsselung.</translation>
    </message>
    <message>
        <source>mpENC is a protocol for group conversations whose members come and go: every change of membership agrees on fresh keys, and every message says which messages its author had seen and is acknowledged by its readers, so each member can check that everyone saw the same conversation.</source>
        <translation>mpENC ist ein Protokoll für Gruppengespräche, deren Mitglieder kommen und gehen: Bei jeder Änderung der Mitgliedschaft werden neue Schlüssel vereinbart, und jede Nachricht gibt an, welche Nachrichten ihr Verfasser gesehen hatte, und wird von ihren Lesern bestätigt. So kann jedes Mitglied prüfen, dass alle dasselbe Gespräch gesehen haben.</translation>
    </message>
    <message>
        <source>License: none published yet (no rights beyond those granted by law).</source>
        <translation>Lizenz: noch keine veröffentlicht (keine Rechte über die gesetzlich gewährten hinaus).</translation>
    </message>
    <message>
        <source>License: %1</source>
        <translation>Lizenz: %1</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>Gebaut mit</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>Bibliotheken</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::AccountDialog</name>
    <message>
        <source>Remember the password in the system keychain</source>
        <translation>Passwort im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>Set up account</source>
        <translation>Konto einrichten</translation>
    </message>
    <message>
        <source>Account (JID)</source>
        <translation>Konto (JID)</translation>
    </message>
    <message>
        <source>alice@example.org</source>
        <translation>alice@example.org</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Server host (optional)</source>
        <translation>Server (optional)</translation>
    </message>
    <message>
        <source>from the JID&apos;s domain</source>
        <translation>aus der Domain der JID</translation>
    </message>
    <message>
        <source>Server port (optional)</source>
        <translation>Port (optional)</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Erforderlich</translation>
    </message>
    <message>
        <source>If available</source>
        <translation>Wenn verfügbar</translation>
    </message>
    <message>
        <source>Disabled — loopback testing only</source>
        <translation>Aus — nur für Tests auf diesem Computer</translation>
    </message>
    <message>
        <source>TLS warning</source>
        <translation>TLS-Warnung</translation>
    </message>
    <message>
        <source>Without TLS your password and everything else except the encrypted messages travel in the clear. Use this only with a test server on this computer.</source>
        <translation>Ohne TLS werden Ihr Passwort und alles außer den verschlüsselten Nachrichten im Klartext übertragen. Verwenden Sie das nur mit einem Testserver auf diesem Computer.</translation>
    </message>
    <message>
        <source>Account error</source>
        <translation>Fehler beim Konto</translation>
    </message>
    <message>
        <source>Server host</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>An account looks like user@domain, for example alice@example.org.</source>
        <translation>Ein Konto hat die Form benutzer@domain, zum Beispiel alice@example.org.</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::BookmarkList</name>
    <message>
        <source>No bookmarks yet</source>
        <translation>Noch keine Lesezeichen</translation>
    </message>
    <message>
        <source>Bookmark a room from the Room menu to find it here and join it at start.</source>
        <translation>Setzen Sie über das Menü „Raum“ ein Lesezeichen, um einen Raum hier zu finden und beim Start zu betreten.</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Lesezeichen</translation>
    </message>
    <message>
        <source>%1 as %2 · joined automatically at start</source>
        <translation>%1 als %2 · wird beim Start automatisch betreten</translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation>%1 als %2</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Betreten</translation>
    </message>
    <message>
        <source>Join automatically at start</source>
        <translation>Beim Start automatisch betreten</translation>
    </message>
    <message>
        <source>Remove bookmark</source>
        <translation>Lesezeichen entfernen</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::Composer</name>
    <message>
        <source>Message composer</source>
        <translation>Nachrichteneingabe</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Composer status</source>
        <translation>Status der Eingabe</translation>
    </message>
    <message>
        <source>Keyboard hint</source>
        <translation>Tastaturhinweis</translation>
    </message>
    <message>
        <source>Enter to send · Shift+Enter for a new line · Esc clears the selection</source>
        <translation>Eingabe sendet · Umschalt+Eingabe für neue Zeile · Esc hebt die Auswahl auf</translation>
    </message>
    <message numerus="yes">
        <source>Message %1 (encrypted to %n member(s))…</source>
        <translation>
            <numerusform>Nachricht an %1 (verschlüsselt für %n Mitglied)…</numerusform>
            <numerusform>Nachricht an %1 (verschlüsselt für %n Mitglieder)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1…</source>
        <translation>Nachricht an %1…</translation>
    </message>
    <message>
        <source>Sending is not possible right now.</source>
        <translation>Senden ist gerade nicht möglich.</translation>
    </message>
    <message>
        <source>This message is %1 KB; the limit is %2 KB. Split it or shorten it.</source>
        <translation>Diese Nachricht ist %1 KB groß; die Grenze liegt bei %2 KB. Teilen oder kürzen Sie sie.</translation>
    </message>
    <message>
        <source>The message was not sent.</source>
        <translation>Die Nachricht wurde nicht gesendet.</translation>
    </message>
    <message>
        <source>Enter to send · Shift+Enter for a new line · Esc clears the selection · Ctrl+F searches the saved history</source>
        <translation>Eingabe: senden · Umschalt+Eingabe: neue Zeile · Esc: Auswahl aufheben · Strg+F: Verlauf durchsuchen</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::DetailsPane</name>
    <message>
        <source>not in the room now</source>
        <translation>gerade nicht im Raum</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>✓ verified</source>
        <translation>✓ verifiziert</translation>
    </message>
    <message>
        <source>⚠ key changed since you last saw it</source>
        <translation>⚠ Schlüssel seit dem letzten Mal geändert</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>nicht verifiziert</translation>
    </message>
    <message>
        <source>no key known</source>
        <translation>kein Schlüssel bekannt</translation>
    </message>
    <message>
        <source>Selected message</source>
        <translation>Ausgewählte Nachricht</translation>
    </message>
    <message>
        <source>SELECTED MESSAGE</source>
        <translation>AUSGEWÄHLTE NACHRICHT</translation>
    </message>
    <message>
        <source>Selecting a message highlights what its author had seen and dims the rest.</source>
        <translation>Wenn Sie eine Nachricht auswählen, wird hervorgehoben, was ihr Autor gesehen hatte; der Rest wird gedimmt.</translation>
    </message>
    <message>
        <source>How selecting works</source>
        <translation>So funktioniert die Auswahl</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Replies to</source>
        <translation>Antwort auf</translation>
    </message>
    <message>
        <source>Readers</source>
        <translation>Leser</translation>
    </message>
    <message>
        <source>Acked by</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>Wartet auf</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Ancestors</source>
        <translation>Vorgänger</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>nothing (the first message)</source>
        <translation>nichts (die erste Nachricht)</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s): scroll up to load them</source>
        <translation>
            <numerusform>%n frühere Nachricht: nach oben scrollen, um sie zu laden</numerusform>
            <numerusform>%n frühere Nachrichten: nach oben scrollen, um sie zu laden</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source> (not the members shown now)</source>
        <translation> (nicht die jetzt angezeigten Mitglieder)</translation>
    </message>
    <message>
        <source>all %1</source>
        <translation>alle %1</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>noch niemand</translation>
    </message>
    <message>
        <source> (longer than expected)</source>
        <translation> (länger als üblich)</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>%1 (local)</source>
        <translation>%1 (lokal)</translation>
    </message>
    <message>
        <source>%1 (claimed, not verified)</source>
        <translation>%1 (angegeben, nicht geprüft)</translation>
    </message>
    <message>
        <source>not sent by this client</source>
        <translation>nicht von hier gesendet</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 highlighted, %2 dimmed</source>
        <translation>%1 hervorgehoben, %2 gedimmt</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::FingerprintDialog</name>
    <message>
        <source>(no key known)</source>
        <translation>(kein Schlüssel bekannt)</translation>
    </message>
    <message>
        <source>Verify %1</source>
        <translation>%1 verifizieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&apos;s key changed.&lt;/b&gt; This happens when they reinstalled or use a new device, but it could also mean someone else is answering for them. Compare the new key with %1 over a channel you trust (in person, a phone call).</source>
        <translation>&lt;b&gt;Der Schlüssel von %1 hat sich geändert.&lt;/b&gt; Das passiert nach einer Neuinstallation oder mit einem neuen Gerät, kann aber auch bedeuten, dass jemand anderes an Stelle von %1 antwortet. Vergleichen Sie den neuen Schlüssel mit %1 über einen Weg, dem Sie vertrauen (persönlich, per Telefon).</translation>
    </message>
    <message>
        <source>Compare this key with %1 over a channel you trust (in person, a phone call). If every group matches, mark it verified.</source>
        <translation>Vergleichen Sie diesen Schlüssel mit %1 über einen Weg, dem Sie vertrauen (persönlich, per Telefon). Wenn jede Gruppe übereinstimmt, markieren Sie ihn als verifiziert.</translation>
    </message>
    <message>
        <source>Key %1 used before (pinned)</source>
        <translation>Bisher von %1 verwendeter Schlüssel (hinterlegt)</translation>
    </message>
    <message>
        <source>Previous key</source>
        <translation>Bisheriger Schlüssel</translation>
    </message>
    <message>
        <source>New key of %1</source>
        <translation>Neuer Schlüssel von %1</translation>
    </message>
    <message>
        <source>Key of %1</source>
        <translation>Schlüssel von %1</translation>
    </message>
    <message>
        <source>Your key (they compare this one)</source>
        <translation>Ihr Schlüssel (diesen vergleicht die andere Seite)</translation>
    </message>
    <message>
        <source>Your key</source>
        <translation>Ihr Schlüssel</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Accept the new key without verifying</source>
        <translation>Neuen Schlüssel ohne Verifizierung akzeptieren</translation>
    </message>
    <message>
        <source>They match — mark verified</source>
        <translation>Stimmen überein — als verifiziert markieren</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::HistorySearch</name>
    <message>
        <source>Search the saved history of this room</source>
        <translation>Gespeicherten Verlauf dieses Raums durchsuchen</translation>
    </message>
    <message>
        <source>Search this room&apos;s saved messages…</source>
        <translation>Gespeicherte Nachrichten dieses Raums durchsuchen…</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Suchtext</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>Suche schließen</translation>
    </message>
    <message>
        <source>Matching messages</source>
        <translation>Gefundene Nachrichten</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>%1 · %2
%3</source>
        <translation>%1 · %2
%3</translation>
    </message>
    <message>
        <source>no saved message matches</source>
        <translation>keine gespeicherte Nachricht passt</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>that message is no longer saved</source>
        <translation>diese Nachricht ist nicht mehr gespeichert</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::JoinRoomDialog</name>
    <message>
        <source>Join room</source>
        <translation>Raum betreten</translation>
    </message>
    <message>
        <source>Room address</source>
        <translation>Raumadresse</translation>
    </message>
    <message>
        <source>team@conference.example.org</source>
        <translation>team@conference.example.org</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <source>Room address error</source>
        <translation>Fehler bei der Raumadresse</translation>
    </message>
    <message>
        <source>The encrypted session includes the people in the room whose client uses mpENC. Others are listed as not in the session; you can invite them.</source>
        <translation>Zur verschlüsselten Sitzung gehören die Personen im Raum, deren Client mpENC verwendet. Alle anderen werden als „nicht in der Sitzung“ aufgeführt; Sie können sie einladen.</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Betreten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>A room address looks like name@conference.example.org.</source>
        <translation>Eine Raumadresse hat die Form name@conference.example.org.</translation>
    </message>
    <message>
        <source>Choose a nickname to be shown in the room.</source>
        <translation>Wählen Sie einen Spitznamen, der im Raum angezeigt wird.</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::MainWindow</name>
    <message>
        <source>key %1 %2 …</source>
        <translation>Schlüssel %1 %2 …</translation>
    </message>
    <message>
        <source>mpENC Chat</source>
        <translation>mpENC Chat</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Beschäftigt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>Set up account…</source>
        <translation>Konto einrichten…</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Verbindung trennen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>&amp;Raum</translation>
    </message>
    <message>
        <source>Join room…</source>
        <translation>Raum betreten…</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>Leave room</source>
        <translation>Raum verlassen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>About mpENC Chat</source>
        <translation>Über mpENC Chat</translation>
    </message>
    <message>
        <source>ROOMS</source>
        <translation>RÄUME</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Räume</translation>
    </message>
    <message>
        <source>BOOKMARKS</source>
        <translation>LESEZEICHEN</translation>
    </message>
    <message>
        <source>+ Join room…</source>
        <translation>+ Raum betreten…</translation>
    </message>
    <message>
        <source>Join room</source>
        <translation>Raum betreten</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Set up an account…</source>
        <translation>Konto einrichten…</translation>
    </message>
    <message>
        <source>Set up an account</source>
        <translation>Konto einrichten</translation>
    </message>
    <message>
        <source>or try &lt;code&gt;mpenc-chat --demo&lt;/code&gt; to see an encrypted room without a server</source>
        <translation>oder probieren Sie &lt;code&gt;mpenc-chat --demo&lt;/code&gt; aus, um einen verschlüsselten Raum ohne Server zu sehen</translation>
    </message>
    <message>
        <source>Demo hint</source>
        <translation>Hinweis zur Demo</translation>
    </message>
    <message>
        <source>no account — click to set one up</source>
        <translation>kein Konto — zum Einrichten klicken</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbinde…</translation>
    </message>
    <message>
        <source>offline demo</source>
        <translation>Offline-Demo</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>reconnecting in %1 s</source>
        <translation>neuer Verbindungsversuch in %1 s</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No account</source>
        <translation>Kein Konto</translation>
    </message>
    <message>
        <source>Account %1, %2</source>
        <translation>Konto %1, %2</translation>
    </message>
    <message>
        <source>Your key: %1</source>
        <translation>Ihr Schlüssel: %1</translation>
    </message>
    <message>
        <source>Kept in %1</source>
        <translation>Aufbewahrt in %1</translation>
    </message>
    <message>
        <source>&lt;h2&gt;mpENC Chat&lt;/h2&gt;&lt;p&gt;End-to-end encrypted group chat in XMPP rooms, with a transcript that every member can check is the same as everyone else&apos;s.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;mpENC Chat&lt;/h2&gt;&lt;p&gt;Ende-zu-Ende-verschlüsselter Gruppenchat in XMPP-Räumen, mit einem Gesprächsverlauf, bei dem jedes Mitglied prüfen kann, dass er für alle derselbe ist.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No account is set up yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Es ist noch kein Konto eingerichtet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Join a room to start.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Betreten Sie einen Raum, um zu beginnen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1, encrypted</source>
        <translation>%1, verschlüsselt</translation>
    </message>
    <message>
        <source>%1, not encrypted</source>
        <translation>%1, unverschlüsselt</translation>
    </message>
    <message>
        <source>, %1 unread</source>
        <translation>, %1 ungelesen</translation>
    </message>
    <message>
        <source>%1 — mpENC Chat</source>
        <translation>%1 — mpENC Chat</translation>
    </message>
    <message>
        <source>Connecting as %1…</source>
        <translation>Verbinde als %1…</translation>
    </message>
    <message>
        <source>Connection lost; reconnecting in %1 s. Rooms are rejoined automatically.</source>
        <translation>Verbindung unterbrochen; neuer Versuch in %1 s. Räume werden automatisch wieder betreten.</translation>
    </message>
    <message>
        <source>Could not connect.</source>
        <translation>Verbindung nicht möglich.</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Verbindung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Joining %1…</source>
        <translation>%1 wird betreten…</translation>
    </message>
    <message>
        <source>Setting up the encrypted session in %1…</source>
        <translation>Verschlüsselte Sitzung in %1 wird aufgebaut…</translation>
    </message>
    <message>
        <source>Offline demo: nothing leaves this computer</source>
        <translation>Offline-Demo: Nichts verlässt diesen Computer</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Verbunden als %1</translation>
    </message>
    <message>
        <source>Your key</source>
        <translation>Ihr Schlüssel</translation>
    </message>
    <message>
        <source>%1

Your key fingerprint (others compare it to verify you):

%2%3</source>
        <translation>%1

Fingerabdruck Ihres Schlüssels (andere vergleichen ihn, um Sie zu verifizieren):

%2%3</translation>
    </message>
    <message>
        <source>

Kept in %1.</source>
        <translation>

Aufbewahrt in %1.</translation>
    </message>
    <message>
        <source>Could not connect</source>
        <translation>Verbindung nicht möglich</translation>
    </message>
    <message>
        <source>Could not join the room</source>
        <translation>Raum konnte nicht betreten werden</translation>
    </message>
    <message>
        <source>(not encrypted)</source>
        <translation>(unverschlüsselt)</translation>
    </message>
    <message>
        <source>Bookmark this room</source>
        <translation>Lesezeichen für diesen Raum setzen</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>The room could not be joined</source>
        <translation>Der Raum konnte nicht betreten werden</translation>
    </message>
    <message>
        <source>No room to bookmark</source>
        <translation>Kein Raum für ein Lesezeichen</translation>
    </message>
    <message>
        <source>Open a room first, then bookmark it.</source>
        <translation>Öffnen Sie zuerst einen Raum und setzen Sie dann ein Lesezeichen.</translation>
    </message>
    <message>
        <source>The room could not be bookmarked</source>
        <translation>Für den Raum konnte kein Lesezeichen gesetzt werden</translation>
    </message>
    <message>
        <source>Add another account…</source>
        <translation>Weiteres Konto hinzufügen…</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>%1 (as %2)</source>
        <translation>%1 (als %2)</translation>
    </message>
    <message>
        <source>Could not add the account</source>
        <translation>Das Konto konnte nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>Your key and connection…</source>
        <translation>Ihr Schlüssel und Ihre Verbindung…</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::MemberModel</name>
    <message>
        <source>MEMBERS · ENCRYPTED SESSION</source>
        <translation>MITGLIEDER · VERSCHLÜSSELTE SITZUNG</translation>
    </message>
    <message>
        <source>IN THE ROOM, NOT IN THE SESSION</source>
        <translation>IM RAUM, NICHT IN DER SITZUNG</translation>
    </message>
    <message>
        <source>✓ verified</source>
        <translation>✓ verifiziert</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>nicht verifiziert</translation>
    </message>
    <message>
        <source>⚠ key changed</source>
        <translation>⚠ Schlüssel geändert</translation>
    </message>
    <message>
        <source>no response for %1 s</source>
        <translation>seit %1 s keine Antwort</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>%1 (plain XMPP client)</source>
        <translation>%1 (normaler XMPP-Client)</translation>
    </message>
    <message>
        <source>not in the encrypted session</source>
        <translation>nicht in der verschlüsselten Sitzung</translation>
    </message>
    <message>
        <source>%1
key %2</source>
        <translation>%1
Schlüssel %2</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::MemberPanel</name>
    <message>
        <source>Invite</source>
        <translation>Einladen</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Members of the encrypted session and people in the room who are not in it. Press Enter or the menu key for actions.</source>
        <translation>Mitglieder der verschlüsselten Sitzung und Personen im Raum, die nicht dazugehören. Eingabe- oder Menütaste öffnet die Aktionen.</translation>
    </message>
    <message>
        <source>Nobody is listed while you are not in the room.</source>
        <translation>Solange Sie nicht im Raum sind, wird niemand aufgeführt.</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>Aktionen für %1</translation>
    </message>
    <message>
        <source>Add to the encrypted session</source>
        <translation>Zur verschlüsselten Sitzung hinzufügen</translation>
    </message>
    <message>
        <source>Remove from the encrypted session</source>
        <translation>Aus der verschlüsselten Sitzung entfernen</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Verifizieren…</translation>
    </message>
    <message>
        <source>Accept the new key</source>
        <translation>Neuen Schlüssel akzeptieren</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::MessageDelegate</name>
    <message numerus="yes">
        <source>to %n member(s)</source>
        <translation>
            <numerusform>an %n Mitglied</numerusform>
            <numerusform>an %n Mitglieder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mpenc::ui::RoomHeader</name>
    <message>
        <source>Room header</source>
        <translation>Kopfbereich des Raums</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Raumname</translation>
    </message>
    <message>
        <source>Session state</source>
        <translation>Sitzungsstatus</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Beschäftigt</translation>
    </message>
    <message>
        <source>Missing messages</source>
        <translation>Fehlende Nachrichten</translation>
    </message>
    <message>
        <source>Responsiveness of members</source>
        <translation>Erreichbarkeit der Mitglieder</translation>
    </message>
    <message>
        <source>Acknowledgements</source>
        <translation>Bestätigungen</translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation>Sitzung angehalten</translation>
    </message>
    <message>
        <source>Why the session stopped</source>
        <translation>Warum die Sitzung angehalten wurde</translation>
    </message>
    <message>
        <source>Start a new session</source>
        <translation>Neue Sitzung starten</translation>
    </message>
    <message>
        <source>Encrypted session</source>
        <translation>Verschlüsselte Sitzung</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Unverschlüsselt</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>session %1…</source>
        <translation>Sitzung %1…</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>seit %1</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>unverschlüsselt</translation>
    </message>
    <message>
        <source>Session ID %1</source>
        <translation>Sitzungs-ID %1</translation>
    </message>
    <message>
        <source>The encrypted session stopped: the transcript can no longer be trusted to be the same for everyone. Nothing more is sent in it.</source>
        <translation>Die verschlüsselte Sitzung wurde angehalten: Es ist nicht mehr sichergestellt, dass alle denselben Gesprächsverlauf haben. In ihr wird nichts mehr gesendet.</translation>
    </message>
    <message>
        <source>You are not in this room any more. The messages above stay here.</source>
        <translation>Sie sind nicht mehr in diesem Raum. Die Nachrichten oben bleiben erhalten.</translation>
    </message>
    <message>
        <source>%1 The messages above stay here.</source>
        <translation>%1 Die Nachrichten oben bleiben erhalten.</translation>
    </message>
    <message>
        <source>Not in the room</source>
        <translation>Nicht im Raum</translation>
    </message>
    <message>
        <source>Click for details</source>
        <translation>Für Details klicken</translation>
    </message>
    <message>
        <source>✓ nothing missing</source>
        <translation>✓ nichts fehlt</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n message(s) waiting for earlier ones</source>
        <translation>
            <numerusform>⚠ %n Nachricht wartet auf frühere</numerusform>
            <numerusform>⚠ %n Nachrichten warten auf frühere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n packet(s) not readable</source>
        <translation>
            <numerusform>⚠ %n Paket nicht lesbar</numerusform>
            <numerusform>⚠ %n Pakete nicht lesbar</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ everyone responsive</source>
        <translation>✓ alle erreichbar</translation>
    </message>
    <message>
        <source>◐ someone is not responding</source>
        <translation>◐ jemand antwortet nicht</translation>
    </message>
    <message>
        <source>◐ %1: no response</source>
        <translation>◐ %1: keine Antwort</translation>
    </message>
    <message numerus="yes">
        <source>◐ %n member(s): no response</source>
        <translation>
            <numerusform>◐ %n Mitglied: keine Antwort</numerusform>
            <numerusform>◐ %n Mitglieder: keine Antwort</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ everything acknowledged</source>
        <translation>✓ alles bestätigt</translation>
    </message>
    <message numerus="yes">
        <source>◐ %n message(s) awaiting acks</source>
        <translation>
            <numerusform>◐ %n Nachricht noch unbestätigt</numerusform>
            <numerusform>◐ %n Nachrichten noch unbestätigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is missing: no message is waiting for an earlier one, and every packet received recently could be read.</source>
        <translation>Nichts fehlt: Keine Nachricht wartet auf eine frühere, und jedes kürzlich empfangene Paket konnte gelesen werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) arrived before earlier ones they depend on. They are shown as soon as those arrive.</source>
        <translation>
            <numerusform>%n Nachricht ist vor früheren eingetroffen, auf die sie sich bezieht. Sie wird angezeigt, sobald diese eintreffen.</numerusform>
            <numerusform>%n Nachrichten sind vor früheren eingetroffen, auf die sie sich beziehen. Sie werden angezeigt, sobald diese eintreffen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) received recently could not be read.</source>
        <translation>
            <numerusform>%n kürzlich empfangenes Paket konnte nicht gelesen werden.</numerusform>
            <numerusform>%n kürzlich empfangene Pakete konnten nicht gelesen werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no response for %2 s</source>
        <translation>%1: seit %2 s keine Antwort</translation>
    </message>
    <message>
        <source>%1: no response</source>
        <translation>%1: keine Antwort</translation>
    </message>
    <message>
        <source>Everyone in the session answered recently: no newer messages are missing.</source>
        <translation>Alle in der Sitzung haben kürzlich geantwortet: Es fehlen keine neueren Nachrichten.</translation>
    </message>
    <message>
        <source>Messages they send may arrive late; nothing is lost.</source>
        <translation>Was sie senden, kommt womöglich verspätet an; verloren geht nichts.</translation>
    </message>
    <message>
        <source>%1 %2 “%3”</source>
        <translation>%1 %2 „%3“</translation>
    </message>
    <message>
        <source> — waiting for %1</source>
        <translation> — wartet auf %1</translation>
    </message>
    <message>
        <source>Everything is acknowledged: everyone has seen what you have seen.</source>
        <translation>Alles ist bestätigt: Alle haben gesehen, was Sie gesehen haben.</translation>
    </message>
    <message>
        <source>Not yet acknowledged by everyone:</source>
        <translation>Noch nicht von allen bestätigt:</translation>
    </message>
    <message>
        <source>Indicator details</source>
        <translation>Details zur Statusanzeige</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::RoomView</name>
    <message>
        <source>Room status message</source>
        <translation>Statusmeldung des Raums</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>Room %1</source>
        <translation>Raum %1</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Selected message</source>
        <translation>Ausgewählte Nachricht</translation>
    </message>
    <message>
        <source>The key state could not be changed.</source>
        <translation>Der Schlüsselstatus konnte nicht geändert werden.</translation>
    </message>
    <message>
        <source>That did not work.</source>
        <translation>Das hat nicht geklappt.</translation>
    </message>
    <message>
        <source>A new session could not be started.</source>
        <translation>Eine neue Sitzung konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>They could not be added.</source>
        <translation>Das Hinzufügen war nicht möglich.</translation>
    </message>
    <message>
        <source>They could not be removed.</source>
        <translation>Das Entfernen war nicht möglich.</translation>
    </message>
    <message>
        <source>The new key could not be accepted.</source>
        <translation>Der neue Schlüssel konnte nicht akzeptiert werden.</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::SettingsDialog</name>
    <message>
        <source>Show the message text in notifications</source>
        <translation>Nachrichtentext in Benachrichtigungen anzeigen</translation>
    </message>
    <message>
        <source>Include people who enter a room automatically</source>
        <translation>Neue Personen im Raum automatisch aufnehmen</translation>
    </message>
    <message>
        <source>Show the time each message arrived</source>
        <translation>Eingangszeit jeder Nachricht anzeigen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Notify about new messages</source>
        <translation>Über neue Nachrichten benachrichtigen</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>In rooms not in view</source>
        <translation>In nicht sichtbaren Räumen</translation>
    </message>
    <message>
        <source>For every message</source>
        <translation>Bei jeder Nachricht</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>Like the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Benachrichtigen</translation>
    </message>
    <message>
        <source>Off by default: the text would be seen by the system&apos;s notification service and may appear on the lock screen. Without it a notification only names the room and the author.</source>
        <translation>Standardmäßig aus: Der Text wäre für den Benachrichtigungsdienst des Systems sichtbar und könnte auf dem Sperrbildschirm erscheinen. Ohne diese Option nennt eine Benachrichtigung nur Raum und Autor.</translation>
    </message>
    <message>
        <source>Encrypted rooms</source>
        <translation>Verschlüsselte Räume</translation>
    </message>
    <message>
        <source>Otherwise you are asked each time. Someone whose key changed is never included without you accepting the new key.</source>
        <translation>Andernfalls werden Sie jedes Mal gefragt. Wessen Schlüssel sich geändert hat, wird nie aufgenommen, ohne dass Sie den neuen Schlüssel akzeptieren.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::TranscriptModel</name>
    <message>
        <source>%1 Action available: %2.</source>
        <translation>%1 Mögliche Aktion: %2.</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Replies to the message %n up.</source>
        <translation>
            <numerusform>Antwort auf die direkt vorherige Nachricht.</numerusform>
            <numerusform>Antwort auf die Nachricht, die %n Nachrichten weiter oben steht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replies to messages %1 up.</source>
        <translation>Antwort auf die Nachrichten %1 Positionen weiter oben.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message numerus="yes">
        <source>Sent to %n member(s).</source>
        <translation>
            <numerusform>An %n Mitglied gesendet.</numerusform>
            <numerusform>An %n Mitglieder gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Seen by all %1.</source>
        <translation>Von allen %1 gesehen.</translation>
    </message>
    <message>
        <source>Waiting for %1.</source>
        <translation>Wartet auf %1.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Not yet seen by everyone.</source>
        <translation>Noch nicht von allen gesehen.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::TranscriptView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>The encrypted conversation. Select a message to see what its author had seen: Up and Down move, Home and End go to the first and last message, Escape clears.</source>
        <translation>Das verschlüsselte Gespräch. Wählen Sie eine Nachricht, um zu sehen, was ihr Autor gesehen hatte: Pfeil hoch und runter bewegen, Pos1 und Ende springen zur ersten und letzten Nachricht, Esc hebt die Auswahl auf.</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::TrayNotifier</name>
    <message>
        <source>Show mpENC Chat</source>
        <translation>mpENC Chat anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>mpENC Chat</source>
        <translation>mpENC Chat</translation>
    </message>
    <message>
        <source>New encrypted message in %1 from %2</source>
        <translation>Neue verschlüsselte Nachricht in %1 von %2</translation>
    </message>
    <message>
        <source>New message in %1 from %2</source>
        <translation>Neue Nachricht in %1 von %2</translation>
    </message>
    <message>
        <source>Notification: %1. Press to open the room.</source>
        <translation>Benachrichtigung: %1. Drücken, um den Raum zu öffnen.</translation>
    </message>
    <message numerus="yes">
        <source>%n new encrypted message(s) in %1</source>
        <translation>
            <numerusform>%n neue verschlüsselte Nachricht in %1</numerusform>
            <numerusform>%n neue verschlüsselte Nachrichten in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n neue Nachricht in %1</numerusform>
            <numerusform>%n neue Nachrichten in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>mpENC Chat — %n unread message(s)</source>
        <translation>
            <numerusform>mpENC Chat — %n ungelesene Nachricht</numerusform>
            <numerusform>mpENC Chat — %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 mentioned you in %2</source>
        <translation>%1 hat Sie in %2 erwähnt</translation>
    </message>
</context>
<context>
    <name>mpenc::ui::transcript</name>
    <message>
        <source>✓✓ seen by %1</source>
        <translation>✓✓ gesehen von %1</translation>
    </message>
    <message>
        <source>✓✓ seen by all %1</source>
        <translation>✓✓ gesehen von allen %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1/%2 · waiting for %3</source>
        <translation>%1/%2 · wartet auf %3</translation>
    </message>
    <message>
        <source>waiting for %1</source>
        <translation>wartet auf %1</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>⚠ not confirmed</source>
        <translation>⚠ nicht bestätigt</translation>
    </message>
    <message>
        <source>⚠ outside the final transcript</source>
        <translation>⚠ außerhalb des abschließenden Verlaufs</translation>
    </message>
    <message>
        <source>⚠ not confirmed (session dropped)</source>
        <translation>⚠ nicht bestätigt (Sitzung beendet)</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::AccountIdentity</name>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::AccountSet</name>
    <message>
        <source>%1 is already one of your accounts. Choose it in the account list to connect it.</source>
        <translation>%1 ist bereits eines Ihrer Konten. Wählen Sie es in der Kontenliste aus, um es zu verbinden.</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::HistoryStore</name>
    <message>
        <source>The message history %1 cannot be opened or written (%2). Messages are shown but not saved; check that the disk is not full and the folder is writable.</source>
        <translation>Der Nachrichtenverlauf %1 kann nicht geöffnet oder geschrieben werden (%2). Nachrichten werden angezeigt, aber nicht gespeichert; prüfen Sie, ob der Datenträger voll und der Ordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>%1 is not a message history file. It was left as it is and nothing is being saved; move it away to start a new history.</source>
        <translation>%1 ist keine Datei mit einem Nachrichtenverlauf. Sie wurde unverändert gelassen und es wird nichts gespeichert; verschieben Sie sie, um einen neuen Verlauf zu beginnen.</translation>
    </message>
    <message>
        <source>%1 belongs to another program. It was left as it is and nothing is being saved; move it away to start a new history.</source>
        <translation>%1 gehört zu einem anderen Programm. Die Datei wurde unverändert gelassen und es wird nichts gespeichert; verschieben Sie sie, um einen neuen Verlauf zu beginnen.</translation>
    </message>
    <message>
        <source>The message history %1 is damaged (%2). It was left as it is and nothing is being saved; keep a copy, then move it away to start a new history.</source>
        <translation>Der Nachrichtenverlauf %1 ist beschädigt (%2). Er wurde unverändert gelassen und es wird nichts gespeichert; bewahren Sie eine Kopie auf und verschieben Sie die Datei, um einen neuen Verlauf zu beginnen.</translation>
    </message>
    <message>
        <source>The message history %1 was written by a newer version of mpENC Chat. It was left as it is; update mpENC Chat to read it.</source>
        <translation>Der Nachrichtenverlauf %1 wurde von einer neueren Version von mpENC Chat geschrieben. Er wurde unverändert gelassen; aktualisieren Sie mpENC Chat, um ihn zu lesen.</translation>
    </message>
    <message>
        <source>The message history %1 was saved under another key (another identity or keychain) and cannot be read. It was left as it is and nothing is being saved.</source>
        <translation>Der Nachrichtenverlauf %1 wurde mit einem anderen Schlüssel gespeichert (andere Identität oder anderer Schlüsselbund) und kann nicht gelesen werden. Er wurde unverändert gelassen und es wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>The message history %1 is in use by another mpENC Chat. Close the other one, then reopen the room.</source>
        <translation>Der Nachrichtenverlauf %1 wird von einem anderen mpENC Chat verwendet. Schließen Sie das andere Programm und öffnen Sie den Raum dann erneut.</translation>
    </message>
    <message>
        <source>cannot create the folder</source>
        <translation>der Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>the Qt SQLite driver is not installed</source>
        <translation>der SQLite-Treiber für Qt ist nicht installiert</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::IdentityStore</name>
    <message>
        <source>The identity key in %1 was written by a newer version of mpENC (format &quot;%2&quot;); it was left untouched. Use a newer version.</source>
        <translation>Der Identitätsschlüssel in %1 wurde von einer neueren Version von mpENC geschrieben (Format „%2“); er wurde nicht verändert. Verwenden Sie eine neuere Version.</translation>
    </message>
    <message>
        <source>The identity key in %1 is not an mpENC identity key (bad header); it was left untouched. Restore it from a backup or move it away to create a new identity (your contacts will see a key change).</source>
        <translation>Der Identitätsschlüssel in %1 ist kein mpENC-Identitätsschlüssel (ungültiger Kopf); er wurde nicht verändert. Stellen Sie ihn aus einer Sicherung wieder her oder verschieben Sie ihn, um eine neue Identität anzulegen (Ihre Kontakte sehen dann einen Schlüsselwechsel).</translation>
    </message>
    <message>
        <source>The identity key in %1 is corrupt (%2); it was left untouched. Restore it from a backup or move it away to create a new identity (your contacts will see a key change).</source>
        <translation>Der Identitätsschlüssel in %1 ist beschädigt (%2); er wurde nicht verändert. Stellen Sie ihn aus einer Sicherung wieder her oder verschieben Sie ihn, um eine neue Identität anzulegen (Ihre Kontakte sehen dann einen Schlüsselwechsel).</translation>
    </message>
    <message>
        <source>Could not create the directory %1.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 exists but is not a directory.</source>
        <translation>%1 existiert, ist aber kein Ordner.</translation>
    </message>
    <message>
        <source>The directory %1 is accessible by other users and its permissions could not be changed; run: chmod 700 %1</source>
        <translation>Der Ordner %1 ist für andere Benutzer zugänglich und seine Rechte konnten nicht geändert werden; führen Sie aus: chmod 700 %1</translation>
    </message>
    <message>
        <source>The directory %1 was accessible by other users; its permissions were set to owner-only (700).</source>
        <translation>Der Ordner %1 war für andere Benutzer zugänglich; seine Rechte wurden auf „nur Eigentümer“ (700) gesetzt.</translation>
    </message>
    <message>
        <source>The identity key %1 is not a regular file; it was left untouched.</source>
        <translation>Der Identitätsschlüssel %1 ist keine normale Datei; er wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The identity key %1 can be read or changed by other users, so it was not used. If nobody else could have read it, restrict it with: chmod 600 %1 (otherwise move it away to create a new identity).</source>
        <translation>Der Identitätsschlüssel %1 kann von anderen Benutzern gelesen oder geändert werden und wurde deshalb nicht verwendet. Wenn niemand sonst ihn lesen konnte, schränken Sie die Rechte ein mit: chmod 600 %1 (andernfalls verschieben Sie ihn, um eine neue Identität anzulegen).</translation>
    </message>
    <message>
        <source>The identity key %1 belongs to another user, so it was not used.</source>
        <translation>Der Identitätsschlüssel %1 gehört einem anderen Benutzer und wurde deshalb nicht verwendet.</translation>
    </message>
    <message>
        <source>Could not read the identity key %1: %2</source>
        <translation>Der Identitätsschlüssel %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The identity key %1 is corrupt (too large); it was left untouched.</source>
        <translation>Der Identitätsschlüssel %1 ist beschädigt (zu groß); er wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Could not write the identity key %1: %2</source>
        <translation>Der Identitätsschlüssel %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Your identity key is stored in the file %1, protected only by its file permissions (%2).</source>
        <translation>Ihr Identitätsschlüssel liegt in der Datei %1 und ist nur durch deren Dateirechte geschützt (%2).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid account address (user@domain).</source>
        <translation>„%1“ ist keine gültige Kontoadresse (benutzer@domain).</translation>
    </message>
    <message>
        <source>The cryptography library could not be initialised.</source>
        <translation>Die Kryptografie-Bibliothek konnte nicht initialisiert werden.</translation>
    </message>
    <message>
        <source>it was created while the system keychain was unavailable</source>
        <translation>sie wurde angelegt, als der Schlüsselbund des Systems nicht verfügbar war</translation>
    </message>
    <message>
        <source>the system keychain is not used</source>
        <translation>der Schlüsselbund des Systems wird nicht verwendet</translation>
    </message>
    <message>
        <source>the system keychain</source>
        <translation>dem Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>no system keychain is available: %1</source>
        <translation>kein Schlüsselbund des Systems verfügbar: %1</translation>
    </message>
    <message>
        <source>Could not read your identity key from the system keychain (%1). Unlock the keychain and try again, or set MPENC_NO_KEYCHAIN=1 to keep identity keys in files instead.</source>
        <translation>Ihr Identitätsschlüssel konnte nicht aus dem Schlüsselbund des Systems gelesen werden (%1). Entsperren Sie den Schlüsselbund und versuchen Sie es erneut, oder setzen Sie MPENC_NO_KEYCHAIN=1, um Identitätsschlüssel stattdessen in Dateien aufzubewahren.</translation>
    </message>
    <message>
        <source>the system keychain refused it: %1</source>
        <translation>der Schlüsselbund des Systems hat ihn abgelehnt: %1</translation>
    </message>
    <message>
        <source>this build has no keychain support</source>
        <translation>dieser Build unterstützt keinen Schlüsselbund</translation>
    </message>
    <message>
        <source>Your identity key is stored in the system keychain, but the keychain does not give it out now (%1). No new key was made, so your contacts keep seeing the same identity: unlock or start the keychain and try again. To start over with a new identity instead, remove %2.</source>
        <translation>Ihr Identitätsschlüssel liegt im Schlüsselbund des Systems, aber der Schlüsselbund gibt ihn gerade nicht heraus (%1). Es wurde kein neuer Schlüssel erzeugt, Ihre Kontakte sehen also weiter dieselbe Identität: Entsperren oder starten Sie den Schlüsselbund und versuchen Sie es erneut. Um stattdessen mit einer neuen Identität neu zu beginnen, entfernen Sie %2.</translation>
    </message>
    <message>
        <source>no such entry; is the keychain locked?</source>
        <translation>kein solcher Eintrag; ist der Schlüsselbund gesperrt?</translation>
    </message>
    <message>
        <source>The system keychain did not accept a new identity key (%1); it may be locked, and your key may be in it. Unlock the keychain and try again, or set MPENC_NO_KEYCHAIN=1 to keep identity keys in files instead.</source>
        <translation>Der Schlüsselbund des Systems hat keinen neuen Identitätsschlüssel angenommen (%1); er ist vielleicht gesperrt, und Ihr Schlüssel liegt vielleicht darin. Entsperren Sie den Schlüsselbund und versuchen Sie es erneut, oder setzen Sie MPENC_NO_KEYCHAIN=1, um Identitätsschlüssel stattdessen in Dateien aufzubewahren.</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::PasswordStore</name>
    <message>
        <source>Passwords are not remembered: the system keychain is turned off for this profile.</source>
        <translation>Passwörter werden nicht gespeichert: Der Schlüsselbund des Systems ist für dieses Profil ausgeschaltet.</translation>
    </message>
    <message>
        <source>Passwords are not remembered: this build has no system keychain support.</source>
        <translation>Passwörter werden nicht gespeichert: Dieser Build unterstützt den Schlüsselbund des Systems nicht.</translation>
    </message>
    <message>
        <source>Passwords are remembered in the system keychain.</source>
        <translation>Passwörter werden im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>No password is remembered for this account.</source>
        <translation>Für dieses Konto ist kein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>Could not read the password from the system keychain (%1).</source>
        <translation>Das Passwort konnte nicht aus dem Schlüsselbund des Systems gelesen werden (%1).</translation>
    </message>
    <message>
        <source>The system keychain did not store the password (%1); it is not remembered.</source>
        <translation>Der Schlüsselbund des Systems hat das Passwort nicht gespeichert (%1); es wird nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>Could not remove the password from the system keychain (%1).</source>
        <translation>Das Passwort konnte nicht aus dem Schlüsselbund des Systems entfernt werden (%1).</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::RoomHistory</name>
    <message>
        <source>Session ended: mpENC Chat was closed.</source>
        <translation>Sitzung beendet: mpENC Chat wurde geschlossen.</translation>
    </message>
    <message>
        <source>Session ended: mpENC Chat stopped without closing it.</source>
        <translation>Sitzung beendet: mpENC Chat wurde beendet, ohne sie zu schließen.</translation>
    </message>
    <message numerus="yes">
        <source>%n saved row(s) of this room could not be read and are not shown: the history file may be damaged.</source>
        <translation>
            <numerusform>%n gespeicherter Eintrag dieses Raums konnte nicht gelesen werden und wird nicht angezeigt: Die Verlaufsdatei ist möglicherweise beschädigt.</numerusform>
            <numerusform>%n gespeicherte Einträge dieses Raums konnten nicht gelesen werden und werden nicht angezeigt: Die Verlaufsdatei ist möglicherweise beschädigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages of this room are shown but could not be saved (%1). Check that the disk is not full.</source>
        <translation>Nachrichten dieses Raums werden angezeigt, konnten aber nicht gespeichert werden (%1). Prüfen Sie, ob der Datenträger voll ist.</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::TrustStore</name>
    <message>
        <source>Could not read the trust store %1 (%2). Known keys are not available and nothing will be saved until this is fixed.</source>
        <translation>Der Vertrauensspeicher %1 konnte nicht gelesen werden (%2). Bekannte Schlüssel sind nicht verfügbar, und bis das behoben ist, wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>The trust store %1 was written by a newer version of mpENC (format &quot;%2&quot;). It was left untouched; known keys are not available and nothing will be saved in this session.</source>
        <translation>Der Vertrauensspeicher %1 wurde von einer neueren Version von mpENC geschrieben (Format „%2“). Er wurde nicht verändert; bekannte Schlüssel sind nicht verfügbar, und in dieser Sitzung wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>The trust store %1 is corrupt (%2) and could not be moved aside. It was left untouched; known keys are not available and nothing will be saved until it is repaired or removed.</source>
        <translation>Der Vertrauensspeicher %1 ist beschädigt (%2) und konnte nicht beiseitegelegt werden. Er wurde nicht verändert; bekannte Schlüssel sind nicht verfügbar, und bis er repariert oder entfernt ist, wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>The trust store was corrupt (%1). It was kept as %2 and a new one was started: every contact&apos;s key will be treated as new (first use) again.</source>
        <translation>Der Vertrauensspeicher war beschädigt (%1). Er wurde als %2 aufbewahrt und ein neuer angelegt: Der Schlüssel jedes Kontakts gilt wieder als neu (erste Verwendung).</translation>
    </message>
    <message>
        <source>Could not create the directory %1.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Could not save the trust store %1: %2</source>
        <translation>Der Vertrauensspeicher %1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::XmppClient</name>
    <message>
        <source>Enter your address as name@server, for example alice@example.org.</source>
        <translation>Geben Sie Ihre Adresse als name@server ein, zum Beispiel alice@example.org.</translation>
    </message>
    <message>
        <source>Enter the password of %1.</source>
        <translation>Geben Sie das Passwort für %1 ein.</translation>
    </message>
    <message>
        <source>The server name cannot contain spaces. Leave it empty to use the server of your address.</source>
        <translation>Der Servername darf keine Leerzeichen enthalten. Lassen Sie ihn leer, um den Server Ihrer Adresse zu verwenden.</translation>
    </message>
    <message>
        <source>Leave the open rooms before changing the account settings, then connect again.</source>
        <translation>Verlassen Sie die offenen Räume, bevor Sie die Kontoeinstellungen ändern, und verbinden Sie sich dann erneut.</translation>
    </message>
    <message>
        <source>the system keychain</source>
        <translation>dem Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>a file readable only by you (no keychain available)</source>
        <translation>einer nur für Sie lesbaren Datei (kein Schlüsselbund verfügbar)</translation>
    </message>
    <message>
        <source>a file readable only by you (the system keychain is turned off)</source>
        <translation>einer nur für Sie lesbaren Datei (der Schlüsselbund des Systems ist ausgeschaltet)</translation>
    </message>
    <message>
        <source>The server %1 was not found. Check the server name (or the part of your address after “@”) and your network connection.</source>
        <translation>Der Server %1 wurde nicht gefunden. Prüfen Sie den Servernamen (oder den Teil Ihrer Adresse nach „@“) und Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>%1 refused the connection on port %2. Check the port, or try again when the server is up.</source>
        <translation>%1 hat die Verbindung auf Port %2 abgelehnt. Prüfen Sie den Port oder versuchen Sie es erneut, wenn der Server läuft.</translation>
    </message>
    <message>
        <source>A secure (TLS) connection to %1 could not be set up: %2. Check the server name, or ask the server&apos;s administrator about its certificate.</source>
        <translation>Eine sichere (TLS-)Verbindung zu %1 konnte nicht aufgebaut werden: %2. Prüfen Sie den Servernamen oder fragen Sie die Administration des Servers nach seinem Zertifikat.</translation>
    </message>
    <message>
        <source>%1 did not answer in time. Check your network connection.</source>
        <translation>%1 hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>%1 closed the connection.</source>
        <translation>%1 hat die Verbindung geschlossen.</translation>
    </message>
    <message>
        <source>The network is unreachable. Check your network connection.</source>
        <translation>Das Netzwerk ist nicht erreichbar. Prüfen Sie Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The connection to %1 failed: %2.</source>
        <translation>Die Verbindung zu %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>The server stopped answering: no reply to a ping within %1 s. The network connection may be down.</source>
        <translation>Der Server antwortet nicht mehr: keine Antwort auf einen Ping innerhalb von %1 s. Die Netzwerkverbindung ist vielleicht unterbrochen.</translation>
    </message>
    <message>
        <source>The server did not accept the password for %1. Check your address and password.</source>
        <translation>Der Server hat das Passwort für %1 nicht angenommen. Prüfen Sie Adresse und Passwort.</translation>
    </message>
    <message>
        <source>The server closed this connection because the account logged in elsewhere with the same resource.</source>
        <translation>Der Server hat diese Verbindung geschlossen, weil sich das Konto anderswo mit derselben Ressource angemeldet hat.</translation>
    </message>
    <message>
        <source>The server refused the connection (its policy). Ask the server&apos;s administrator.</source>
        <translation>Der Server hat die Verbindung abgelehnt (seine Richtlinien). Wenden Sie sich an die Administration des Servers.</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>Der Server hat die Verbindung geschlossen.</translation>
    </message>
    <message>
        <source>The server closed the connection while logging in. If it does not offer a secure (TLS) connection, it cannot be used with “TLS required”.</source>
        <translation>Der Server hat die Verbindung während der Anmeldung geschlossen. Wenn er keine sichere (TLS-)Verbindung anbietet, kann er mit „TLS erforderlich“ nicht verwendet werden.</translation>
    </message>
    <message>
        <source>The server closed the connection while logging in.</source>
        <translation>Der Server hat die Verbindung während der Anmeldung geschlossen.</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>Die Verbindung zum Server ist abgebrochen.</translation>
    </message>
    <message>
        <source>Enter the room address, like %1.</source>
        <translation>Geben Sie die Raumadresse ein, etwa %1.</translation>
    </message>
    <message>
        <source>A room address cannot contain spaces. It looks like %1.</source>
        <translation>Eine Raumadresse darf keine Leerzeichen enthalten. Sie hat die Form %1.</translation>
    </message>
    <message>
        <source>Enter the room address without a nickname (no “/”), like %1.</source>
        <translation>Geben Sie die Raumadresse ohne Spitznamen ein (kein „/“), etwa %1.</translation>
    </message>
    <message>
        <source>“%1” is not a room address. A room address looks like %2.</source>
        <translation>„%1“ ist keine Raumadresse. Eine Raumadresse hat die Form %2.</translation>
    </message>
    <message>
        <source>The room address is too long.</source>
        <translation>Die Raumadresse ist zu lang.</translation>
    </message>
    <message>
        <source>Set up and connect your account first, then join the room.</source>
        <translation>Richten Sie zuerst Ihr Konto ein und verbinden Sie es, dann betreten Sie den Raum.</translation>
    </message>
    <message>
        <source>Enter the nickname to use in %1.</source>
        <translation>Geben Sie den Spitznamen für %1 ein.</translation>
    </message>
    <message>
        <source>A nickname cannot contain control characters.</source>
        <translation>Ein Spitzname darf keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The nickname is too long.</source>
        <translation>Der Spitzname ist zu lang.</translation>
    </message>
    <message>
        <source>%1 is still being left. Join it again in a moment.</source>
        <translation>%1 wird gerade noch verlassen. Betreten Sie den Raum gleich noch einmal.</translation>
    </message>
    <message>
        <source>You are in %1 already; it is in the room list.</source>
        <translation>Sie sind bereits in %1; der Raum steht in der Raumliste.</translation>
    </message>
    <message>
        <source>Set up your account first.</source>
        <translation>Richten Sie zuerst Ihr Konto ein.</translation>
    </message>
    <message>
        <source>The server accepted the connection but did not answer within %1 s. Trying again; check your network connection.</source>
        <translation>Der Server hat die Verbindung angenommen, aber innerhalb von %1 s nicht geantwortet. Neuer Versuch; prüfen Sie Ihre Netzwerkverbindung.</translation>
    </message>
</context>
<context>
    <name>mpenc::xmpp::XmppRoom</name>
    <message>
        <source>You are waiting to be included by the members who were in the room before you. Once you are in the encrypted session you can add others.</source>
        <translation>Sie warten darauf, von den Mitgliedern aufgenommen zu werden, die schon vor Ihnen im Raum waren. Sobald Sie in der verschlüsselten Sitzung sind, können Sie andere hinzufügen.</translation>
    </message>
    <message>
        <source>Another change to the encrypted session is running. Try again when it is finished.</source>
        <translation>Eine andere Änderung an der verschlüsselten Sitzung läuft gerade. Versuchen Sie es erneut, wenn sie abgeschlossen ist.</translation>
    </message>
    <message>
        <source>You are being removed from this encrypted session, so you cannot change it now.</source>
        <translation>Sie werden gerade aus dieser verschlüsselten Sitzung entfernt und können sie deshalb jetzt nicht ändern.</translation>
    </message>
    <message>
        <source>Someone you chose is not in the room any more. Check the member list and try again.</source>
        <translation>Eine der gewählten Personen ist nicht mehr im Raum. Prüfen Sie die Mitgliederliste und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Someone you chose was just removed and still has to leave the room. Try again in a moment.</source>
        <translation>Eine der gewählten Personen wurde gerade entfernt und muss den Raum erst noch verlassen. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Add and remove people in two separate steps.</source>
        <translation>Fügen Sie Personen in getrennten Schritten hinzu und entfernen Sie sie.</translation>
    </message>
    <message>
        <source>To leave the encrypted session, leave the room instead.</source>
        <translation>Um die verschlüsselte Sitzung zu verlassen, verlassen Sie stattdessen den Raum.</translation>
    </message>
    <message>
        <source>Nothing to change: the people you chose are in the encrypted session already.</source>
        <translation>Nichts zu ändern: Die gewählten Personen sind bereits in der verschlüsselten Sitzung.</translation>
    </message>
    <message>
        <source>You are not in the room. Wait for the room to be joined again or rejoin it.</source>
        <translation>Sie sind nicht im Raum. Warten Sie, bis der Raum wieder betreten ist, oder betreten Sie ihn erneut.</translation>
    </message>
    <message>
        <source>The change could not be proposed now. Try again in a moment.</source>
        <translation>Die Änderung konnte jetzt nicht vorgeschlagen werden. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>(Details: %1.)</source>
        <translation>(Details: %1.)</translation>
    </message>
    <message>
        <source>You disconnected from the server. The room is joined again when you connect.</source>
        <translation>Sie haben die Verbindung zum Server getrennt. Der Raum wird wieder betreten, sobald Sie sich verbinden.</translation>
    </message>
    <message>
        <source>Lost the connection to the server. Reconnecting…</source>
        <translation>Die Verbindung zum Server ist abgebrochen. Neue Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>Reconnected to the server. Rejoining %1…</source>
        <translation>Wieder mit dem Server verbunden. %1 wird erneut betreten…</translation>
    </message>
    <message>
        <source>Still not back in the room: joining again…</source>
        <translation>Noch nicht wieder im Raum: Er wird erneut betreten…</translation>
    </message>
    <message>
        <source>There is no encrypted session with anyone yet. Wait until the others include you, or invite someone from the member list.</source>
        <translation>Es gibt noch mit niemandem eine verschlüsselte Sitzung. Warten Sie, bis die anderen Sie aufnehmen, oder laden Sie jemanden aus der Mitgliederliste ein.</translation>
    </message>
    <message>
        <source>You are leaving this encrypted session. Start a new session to continue.</source>
        <translation>Sie verlassen diese verschlüsselte Sitzung. Starten Sie eine neue Sitzung, um fortzufahren.</translation>
    </message>
    <message>
        <source>This encrypted session was stopped after an integrity error. Start a new session to continue.</source>
        <translation>Diese verschlüsselte Sitzung wurde nach einem Integritätsfehler angehalten. Starten Sie eine neue Sitzung, um fortzufahren.</translation>
    </message>
    <message>
        <source>The message was not sent. Shorten it, or try again once the session is set up.</source>
        <translation>Die Nachricht wurde nicht gesendet. Kürzen Sie sie oder versuchen Sie es erneut, sobald die Sitzung aufgebaut ist.</translation>
    </message>
    <message>
        <source>That member is not in the room or the session. Check the member list and try again.</source>
        <translation>Dieses Mitglied ist weder im Raum noch in der Sitzung. Prüfen Sie die Mitgliederliste und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The room is busy. Try again in a moment.</source>
        <translation>Der Raum ist beschäftigt. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>That did not work. Try again in a moment.</source>
        <translation>Das hat nicht geklappt. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The message is empty. Type something first.</source>
        <translation>Die Nachricht ist leer. Schreiben Sie zuerst etwas.</translation>
    </message>
    <message>
        <source>The message is too long (%1 bytes, at most %2). Shorten it or split it.</source>
        <translation>Die Nachricht ist zu lang (%1 Byte, höchstens %2). Kürzen oder teilen Sie sie.</translation>
    </message>
    <message>
        <source>Choose whom to include first.</source>
        <translation>Wählen Sie zuerst, wen Sie aufnehmen möchten.</translation>
    </message>
    <message>
        <source>You proposed adding %1 to the encrypted session.</source>
        <translation>Sie haben vorgeschlagen, %1 zur verschlüsselten Sitzung hinzuzufügen.</translation>
    </message>
    <message>
        <source>Choose whom to remove first.</source>
        <translation>Wählen Sie zuerst, wen Sie entfernen möchten.</translation>
    </message>
    <message>
        <source>You proposed removing %1 from the encrypted session.</source>
        <translation>Sie haben vorgeschlagen, %1 aus der verschlüsselten Sitzung zu entfernen.</translation>
    </message>
    <message>
        <source>The fingerprint does not match %1&apos;s key, so it was not marked verified. Compare it again with %1 over another channel (in person or by phone).</source>
        <translation>Der Fingerabdruck passt nicht zum Schlüssel von %1 und wurde deshalb nicht als verifiziert markiert. Vergleichen Sie ihn noch einmal mit %1 über einen anderen Weg (persönlich oder telefonisch).</translation>
    </message>
    <message>
        <source>There is no changed key of %1 waiting to be accepted. Check the member list.</source>
        <translation>Es wartet kein geänderter Schlüssel von %1 darauf, akzeptiert zu werden. Prüfen Sie die Mitgliederliste.</translation>
    </message>
    <message>
        <source>A new session is being started already. Please wait.</source>
        <translation>Eine neue Sitzung wird bereits gestartet. Bitte warten Sie.</translation>
    </message>
    <message>
        <source>This room is being closed. Join it again from the room list.</source>
        <translation>Dieser Raum wird geschlossen. Betreten Sie ihn erneut über die Raumliste.</translation>
    </message>
    <message>
        <source>Starting a new encrypted session: leaving and rejoining the room…</source>
        <translation>Neue verschlüsselte Sitzung wird gestartet: Der Raum wird verlassen und erneut betreten…</translation>
    </message>
    <message>
        <source>You are not a moderator of this room: members you remove from the encrypted session stay in the room (they cannot read what is said after their removal). To remove them from the room too, ask a room owner to make you a moderator.</source>
        <translation>Sie sind in diesem Raum kein Moderator: Mitglieder, die Sie aus der verschlüsselten Sitzung entfernen, bleiben im Raum (sie können nicht lesen, was nach ihrer Entfernung gesagt wird). Um sie auch aus dem Raum zu entfernen, bitten Sie eine Person mit Eigentümerrechten, Sie zum Moderator zu machen.</translation>
    </message>
</context>
</TS>
