/**
 * The satisfaction tables that the reports screen (module report) shows under its own tables.
 */
@org.springframework.modulith.NamedInterface("report-section")
package org.parley.csat.ui;
