package org.parley.channel.email;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Reads an open folder's new mail by UID in a few large commands: one listing of UIDs and sizes, then one
 * {@code UID FETCH … BODY.PEEK[]} per batch, and one {@code UID STORE … +FLAGS.SILENT (\Seen)} for the
 * batches committed. The raw bytes come straight from the responses: unlike {@code Folder.fetch} with the whole
 * message, nothing stays cached in the folder's message objects, so a poll of a large mailbox holds at most
 * the batches in hand. UIDs, not message numbers, so mail expunged by another client meanwhile changes nothing.
 */
final class ImapReader {

    /** Most mails in one batch: one fetch, then committed in waves ({@link MailImporter#WAVE}). */
    static final int BATCH_MAILS = 2000;
    /** Most bytes in one batch (by the server's RFC822.SIZE); a larger single mail is a batch of its own. */
    static final long BATCH_BYTES = 16L * 1024 * 1024;

    /** A mail waiting on the server. */
    record Waiting(long uid, long size) {
    }

    /** Mails waiting in UID order, the first and last UID they span. */
    record Batch(List<Waiting> mails) {
        long firstUid() {
            return mails.getFirst().uid();
        }

        long lastUid() {
            return mails.getLast().uid();
        }

        /** This batch and the ones after it up to {@code last}: the span their mails cover. */
        Batch through(Batch last) {
            List<Waiting> spanned = new ArrayList<>(mails);
            spanned.addAll(last.mails());
            return new Batch(spanned);
        }
    }

    private ImapReader() {
    }

    /** The mails with a UID above {@code afterUid}, in UID order, with their sizes. */
    static List<Waiting> waiting(IMAPFolder folder, long afterUid) throws MessagingException {
        if (folder.getMessageCount() == 0) {
            return List.of();
        }
        long next = folder.getUIDNext();
        if (next > 0 && next <= afterUid + 1) {
            return List.of(); // the server's UIDNEXT says nothing came since
        }
        List<Waiting> waiting = new ArrayList<>();
        for (FetchResponse f : fetch(folder, "UID FETCH " + (afterUid + 1) + ":* (UID RFC822.SIZE)")) {
            UID uid = f.getItem(UID.class);
            RFC822SIZE size = f.getItem(RFC822SIZE.class);
            // "n:*" always answers the newest mail, even when it is older than n
            if (uid != null && uid.uid > afterUid) {
                waiting.add(new Waiting(uid.uid, size == null ? 0 : size.size));
            }
        }
        waiting.sort(java.util.Comparator.comparingLong(Waiting::uid));
        return waiting;
    }

    /** Cuts the waiting mails into batches of at most {@link #BATCH_MAILS} mails and {@link #BATCH_BYTES}. */
    static List<Batch> batches(List<Waiting> waiting) {
        return batches(waiting, BATCH_MAILS, BATCH_BYTES);
    }

    static List<Batch> batches(List<Waiting> waiting, int maxMails, long maxBytes) {
        List<Batch> batches = new ArrayList<>();
        List<Waiting> current = new ArrayList<>();
        long bytes = 0;
        for (Waiting mail : waiting) {
            if (!current.isEmpty() && (current.size() == maxMails || bytes + mail.size() > maxBytes)) {
                batches.add(new Batch(current));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(mail);
            bytes += mail.size();
        }
        if (!current.isEmpty()) {
            batches.add(new Batch(current));
        }
        return batches;
    }

    /**
     * The raw bytes of a batch's mails, in UID order, without setting \Seen. The listing showed every UID of
     * the span, so the span is the batch; mail expunged since is simply missing.
     */
    static List<MailImporter.RawMail> read(IMAPFolder folder, Batch batch) throws MessagingException {
        List<MailImporter.RawMail> raws = new ArrayList<>(batch.mails().size());
        for (FetchResponse f : fetch(folder, "UID FETCH " + batch.firstUid() + ":" + batch.lastUid()
                + " (UID BODY.PEEK[])")) {
            UID uid = f.getItem(UID.class);
            BODY body = f.getItem(BODY.class);
            if (uid != null && body != null && uid.uid >= batch.firstUid() && uid.uid <= batch.lastUid()) {
                raws.add(new MailImporter.RawMail(uid.uid, body.getByteArray().getNewBytes()));
            }
        }
        raws.sort(java.util.Comparator.comparingLong(MailImporter.RawMail::uid));
        return raws;
    }

    /** Sets \Seen on a batch's mails (once they are committed in Parley). */
    static void markSeen(IMAPFolder folder, Batch batch) throws MessagingException {
        folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID STORE " + batch.firstUid() + ":" + batch.lastUid()
                    + " +FLAGS.SILENT (\\Seen)", null);
            settle(protocol, responses);
            return null;
        });
    }

    private static List<FetchResponse> fetch(IMAPFolder folder, String command) throws MessagingException {
        Response[] responses = (Response[]) folder.doCommand(protocol -> {
            Response[] r = protocol.command(command, null);
            settle(protocol, r);
            return r;
        });
        return Arrays.stream(responses).filter(FetchResponse.class::isInstance).map(FetchResponse.class::cast).toList();
    }

    /**
     * Hands the folder what the server said besides the answer (new mail, expunges) and turns a NO or BAD into
     * an exception.
     */
    private static void settle(IMAPProtocol protocol, Response[] responses) throws org.eclipse.angus.mail.iap.ProtocolException {
        protocol.notifyResponseHandlers(Arrays.stream(responses, 0, responses.length - 1)
                .filter(r -> !(r instanceof FetchResponse)).toArray(Response[]::new));
        protocol.handleResult(responses[responses.length - 1]);
    }
}
