package org.parley.conversation.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageAttachments.AttachmentView;
import org.parley.conversation.MessageView;

/**
 * A message's files in the timeline: inline images (cid: parts of an HTML mail) shown as images, every
 * file as a download link. The bytes are read only when the browser asks for them.
 */
final class AttachmentList {

    private AttachmentList() {
    }

    static Map<UUID, List<AttachmentView>> load(List<MessageView> messages) {
        return service().of(messages.stream().map(MessageView::id).toList());
    }

    static void append(Div item, List<AttachmentView> files) {
        if (files == null || files.isEmpty()) {
            return;
        }
        Div list = new Div();
        list.addClassName("message-attachments");
        for (AttachmentView file : files) {
            if (file.inline() && file.isImage()) {
                Image image = new Image(handler(file), file.fileName());
                image.addClassName("inline-image");
                image.setMaxWidth("100%");
                list.add(image);
            }
            Anchor link = new Anchor(handler(file), file.fileName() + " (" + size(file.size()) + ")");
            link.addClassName("attachment-link");
            link.getElement().setAttribute("data-attachment", file.id().toString());
            list.add(new Div(link));
        }
        item.add(list);
    }

    private static DownloadHandler handler(AttachmentView file) {
        UUID id = file.id();
        return DownloadHandler.fromInputStream(event -> service().content(id)
                .map(bytes -> new DownloadResponse(new ByteArrayInputStream(bytes), file.fileName(), file.contentType(),
                        bytes.length))
                .orElseGet(() -> DownloadResponse.error(404)));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static MessageAttachments service() {
        return VaadinService.getCurrent().getInstantiator().getOrCreate(MessageAttachments.class);
    }
}
