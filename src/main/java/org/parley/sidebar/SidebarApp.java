package org.parley.sidebar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.base.AbstractEntity;

/** An external app shown in the customer panel as a frame. */
@Entity
@Table(name = "sidebar_app")
class SidebarApp extends AbstractEntity {

    @Column(name = "name", nullable = false, length = 60)
    private String name;

    @Column(name = "url_template", nullable = false, length = 2000)
    private String urlTemplate;

    @Column(name = "height", nullable = false)
    private int height;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SidebarApp() {
    }

    SidebarApp(String name, String urlTemplate, int height, Instant createdAt) {
        this.name = name;
        this.urlTemplate = urlTemplate;
        this.height = height;
        this.createdAt = createdAt;
    }

    String getName() {
        return name;
    }

    String getUrlTemplate() {
        return urlTemplate;
    }

    int getHeight() {
        return height;
    }
}
