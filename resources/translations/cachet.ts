<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>BridgeSetupSteps</name>
    <message>
        <source>Thunderbird</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple Mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mutt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thunderbird on this computer, receiving and sending through the bridge with STARTTLS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &lt;i&gt;Account Actions › Add Mail Account…&lt;/i&gt; in &lt;i&gt;Account Settings&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your full name: as you like. Email address: %1. Password: the bridge password above (&lt;i&gt;Copy&lt;/i&gt;). Click &lt;i&gt;Configure manually&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming server: protocol IMAP, hostname %1, port %2, connection security STARTTLS, authentication method &lt;i&gt;Normal password&lt;/i&gt;, username %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing server: hostname %1, port %2, connection security STARTTLS, authentication method &lt;i&gt;Normal password&lt;/i&gt;, username %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click &lt;i&gt;Re-test&lt;/i&gt;, then &lt;i&gt;Done&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thunderbird then says it does not trust the server&apos;s certificate: the bridge&apos;s own, made for this profile. In &lt;i&gt;Add Security Exception&lt;/i&gt;, click &lt;i&gt;View…&lt;/i&gt; and check that its SHA-256 fingerprint is %1 (the certificate &lt;i&gt;Export certificate…&lt;/i&gt; saves). Leave &lt;i&gt;Permanently store this exception&lt;/i&gt; ticked and click &lt;i&gt;Confirm Security Exception&lt;/i&gt;. It asks once for receiving and once for sending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple Mail on this Mac, receiving and sending through the bridge with TLS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click &lt;i&gt;Export certificate…&lt;/i&gt; and save the file. Open it: Keychain Access adds &lt;i&gt;Cachet bridge on localhost&lt;/i&gt; to your login keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Keychain Access, double-click &lt;i&gt;Cachet bridge on localhost&lt;/i&gt;, check that its SHA-256 fingerprint is %1, open &lt;i&gt;Trust&lt;/i&gt; and set &lt;i&gt;When using this certificate&lt;/i&gt; to &lt;i&gt;Always Trust&lt;/i&gt;. Close the window and confirm with your Mac&apos;s password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Mail, choose &lt;i&gt;Mail › Add Account…&lt;/i&gt;, then &lt;i&gt;Other Mail Account…&lt;/i&gt; and &lt;i&gt;Continue&lt;/i&gt;. Name: as you like. Email address: %1. Password: the bridge password above (&lt;i&gt;Copy&lt;/i&gt;). Click &lt;i&gt;Sign In&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When Mail asks for the servers: user name %1, account type IMAP, incoming mail server %2, outgoing mail server %2. Click &lt;i&gt;Sign In&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &lt;i&gt;Mail › Settings… › Accounts&lt;/i&gt;, the new account, &lt;i&gt;Server Settings&lt;/i&gt;. For the incoming server untick &lt;i&gt;Automatically manage connection settings&lt;/i&gt;, set port %1, tick &lt;i&gt;Use TLS/SSL&lt;/i&gt; and choose authentication &lt;i&gt;Password&lt;/i&gt;. For the outgoing server the same with port %2. Click &lt;i&gt;Save&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlook for Windows on this computer, receiving and sending through the bridge with TLS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click &lt;i&gt;Export certificate…&lt;/i&gt; and save the file as &lt;i&gt;cachet-bridge.crt&lt;/i&gt;. Open it, click &lt;i&gt;Install Certificate…&lt;/i&gt;, choose &lt;i&gt;Current User&lt;/i&gt;, then &lt;i&gt;Place all certificates in the following store&lt;/i&gt; › &lt;i&gt;Trusted Root Certification Authorities&lt;/i&gt;. Finish, and answer &lt;i&gt;Yes&lt;/i&gt; to the warning: the certificate is the bridge&apos;s own, made for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Outlook, choose &lt;i&gt;File › Add Account&lt;/i&gt;. Enter %1, open &lt;i&gt;Advanced options&lt;/i&gt;, tick &lt;i&gt;Let me set up my account manually&lt;/i&gt; and click &lt;i&gt;Connect&lt;/i&gt;. Choose &lt;i&gt;IMAP&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming mail: server %1, port %2, encryption method &lt;i&gt;SSL/TLS&lt;/i&gt;. Outgoing mail: server %1, port %3, encryption method &lt;i&gt;SSL/TLS&lt;/i&gt;. Leave &lt;i&gt;Secure Password Authentication (SPA)&lt;/i&gt; unticked for both. Click &lt;i&gt;Next&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password: the bridge password above (&lt;i&gt;Copy&lt;/i&gt;). Click &lt;i&gt;Connect&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mutt on this computer, receiving and sending through the bridge with STARTTLS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click &lt;i&gt;Export certificate…&lt;/i&gt; and save the file as &lt;i&gt;cachet-bridge.pem&lt;/i&gt;. Add it to the certificates mutt trusts: &lt;code&gt;mkdir -p ~/.mutt; cat cachet-bridge.pem &amp;gt;&amp;gt; ~/.mutt/certificates&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add these lines to &lt;i&gt;~/.muttrc&lt;/i&gt;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click &lt;i&gt;Show&lt;/i&gt; above to have the password filled in, or leave the two password lines out and mutt asks for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is in the file as it is: keep it private (&lt;code&gt;chmod 600 ~/.muttrc&lt;/code&gt;), or leave the two password lines out and mutt asks for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;the bridge password&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui</name>
    <message>
        <source>an unknown date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1, %2 wrote:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forwarded Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message cannot be encrypted: there is no key for %1. Turn encryption off to send it unencrypted, or ask them for their key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message cannot be encrypted: this profile has no OpenPGP key. Generate or import one under Keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be signed or encrypted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be prepared for sending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed and encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[more header fields not shown]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message is longer than %1 MB: only its beginning is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase: it is the only key to your mail on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weak: easy to guess. Use a few unrelated words or a longer sentence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair: a longer passphrase would be safer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::AccountSetupDialog</name>
    <message>
        <source>Add a Mail Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Mail Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cachet keeps your mail encrypted on this computer and in step with your provider: it reads mail over IMAP and sends it over SMTP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown to the people you write to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not tested yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Without Testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Without Testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cachet does not know the servers of %1: the server settings below are a guess. Check them with your provider, or test them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server settings of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the incoming (IMAP) server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the outgoing (SMTP) server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without TLS the password would cross the network in the clear: choose TLS or STARTTLS for the incoming server (no security is only for a server on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without TLS the password would cross the network in the clear: choose TLS or STARTTLS for the outgoing server (no security is only for a server on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Without Testing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Without Testing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings have not been tested. If one of them is wrong, Cachet cannot fetch or send mail until you correct it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Without Testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Without Testing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::AttachmentCollector</name>
    <message>
        <source>attachment-%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::AttachmentList</name>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::BridgeHost</name>
    <message>
        <source>The bridge cannot read the profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bridge cannot listen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bridge cannot record its ports: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new password was made: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::BridgePanel</name>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let mail programs on this computer use Cachet, over IMAP and SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up a mail program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP, STARTTLS port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP, TLS port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP, STARTTLS port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP, TLS port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: mail programs cannot connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: mail programs on this computer can connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>self-signed, SHA-256:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Turn the bridge on to see the settings for this program.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New bridge password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new bridge password?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current password stops working at once, and the mail programs connected now are disconnected. Every mail program that uses the bridge must then be given the new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the bridge&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificate (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate could not be saved as %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::CertificatePinDialog</name>
    <message>
        <source>Certificate not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This system does not trust the certificate of %1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 server %2 (port %3) showed a certificate that no certificate authority known to this system vouches for. Servers with a self-signed certificate do this, but so does someone who intercepts the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint of the certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare it with the fingerprint your provider publishes, or that the server&apos;s administrator gives you. Trust the certificate only if the two are the same: Cachet will then accept this certificate, and only this one, for this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::ChangePassphraseDialog</name>
    <message>
        <source>Change Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your mail is re-encrypted with the new passphrase. Sync and the bridge pause meanwhile; it can take a minute for a large mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::ComposerWindow</name>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bcc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write: (no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forwarded message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile has no OpenPGP key: mail goes out unsigned and unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1a7f37&apos;&gt;✓ %1 (key)&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;✗ %1 (no key)&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot encrypt: no key for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every recipient has a key: the message can be encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption needs a key for every recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this message without a subject?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing and encrypting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be queued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this message as a draft?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::DesktopApp</name>
    <message>
        <source>Your OpenPGP key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cachet signs your mail and encrypts it for people who can read encrypted mail, with a key of your own. Create one now? (You can also import an existing key later, under Tools → Keys.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your OpenPGP key is ready: your mail is signed from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be created: %1. Mail is sent unsigned until you create or import one under Tools → Keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bridge: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypting your mail with the new passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current passphrase is wrong; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message queued for sending (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bridge for Other Mail Programs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::FolderActions</name>
    <message>
        <source>Folder %1 created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder renamed to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder could not be renamed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::FolderModel</name>
    <message>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (holds only folders)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cachet::ui::KeysDialog</name>
    <message>
        <source>encrypts by default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>can encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>can encrypt (key may be out of date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Public Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;Setup Message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves your key to another Autocrypt mail program (Thunderbird, K-9, Delta Chat).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People&apos;s keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing to them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefers encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Key File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Key File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenPGP keys (*.asc *.gpg *.pgp *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autocrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gossip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attached to a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Fingerprint: %2
Created %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key yet: your mail goes out unsigned, and nobody can encrypt to you. Create a key, or import yours from a file or a setup message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Public Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Setup Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setup Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the setup message in your other mail program and enter this setup code:

%1

Write it down now: Cachet does not keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read as a key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret key %1 is protected. Its passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your key for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::MainWindow</name>
    <message>
        <source>Cachet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward as A&amp;ttachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as &amp;Read/Unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Flag/Unflag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move to Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as &amp;Junk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Get Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: words, &quot;a phrase&quot;, from:, to:, subject:, has:attachment, is:unread…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching all folders for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote content will be shown for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (inside %1, or use / for the top):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name (use / between levels):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the folder %1 and every message in it, here and at your provider?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::MessageActions</name>
    <message>
        <source>The change could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) moved to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The messages could not be moved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) deleted</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cachet::ui::MessageListModel</name>
    <message>
        <source>Encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be decrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption and signature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::OutboxDialog</name>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::OutboxWidget</name>
    <message>
        <source>Outbox: %1 waiting, %2 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox: %1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages not sent yet. Click to retry or cancel them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::ReaderView</name>
    <message>
        <source>Cc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every header field of the message instead of the summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote content was blocked to protect your privacy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show images for this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always for this sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such attachment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program could open %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Attachment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::SecurityBanner</name>
    <message>
        <source>Encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not decrypt this message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not decrypt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (fingerprint %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by %1%2 — valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, signed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by a key that is not the sender&apos;s%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad signature: the message was changed after signing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by a key that is not known%1: the signature cannot be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed with a key that has expired%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed with a revoked key%1: do not trust this signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature could not be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed: nothing confirms who wrote it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::ServerSettingsBox</name>
    <message>
        <source>Server settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Incoming (IMAP):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outgoing (SMTP):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usually your mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File a copy of sent mail in Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave this off for a provider whose outgoing server files sent mail itself (Gmail does), or every message would be in Sent twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (this computer only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS encrypts from the first byte; STARTTLS encrypts before the login. Without either the password would cross the network in the clear, so Cachet allows that only to a server on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::ServiceCheckText</name>
    <message>
        <source>name lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>greeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Works: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::SettingsDialog</name>
    <message>
        <source>%1
Incoming: %2:%3 (%4)   Outgoing: %5:%6 (%7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New mail in the Inbox comes at once (IDLE); the other folders are checked this often.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every folder every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for each message (senders you allow are remembered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always show (senders learn when you read their mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt whenever every recipient has a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;Passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cachet writes no log files: errors are shown in the status bar and, for the sync, in Settings → Account. Messages for developers go to standard error, without addresses or subjects. Profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Last problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::SyncStatusWidget</name>
    <message>
        <source>Not syncing: no account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 of %2 messages (%3 of %4), folder %5 of %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing folder %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Offline — trying again in %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sync failed — trying again in %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cachet::ui::TrayIcon</name>
    <message numerus="yes">
        <source>Cachet: %n unread in Inbox</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cachet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cachet (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cachet::ui::UnlockDialog</name>
    <message>
        <source>Welcome to Cachet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock Cachet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cachet keeps all your mail encrypted on this computer. Choose a passphrase to protect it. Nobody can recover your mail without it, not even us.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your passphrase to open your mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong passphrase. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cachet::ui::openedAttachments</name>
    <message>
        <source>Could not create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a private folder of this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no private runtime folder to open attachments from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many opened files are called %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
