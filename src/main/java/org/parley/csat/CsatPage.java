package org.parley.csat;

import java.util.Optional;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.csat.CsatSurveys.Outcome;
import org.parley.csat.CsatSurveys.Survey;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The customer's survey page, {@code /csat/{surveyId}?sig=…}: a plain server-rendered form (no login, no session;
 * the signature authorises it). GET shows the question, POST records the answer once.
 */
@Controller
class CsatPage {

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final CsatSurveys surveys;

    CsatPage(CsatSurveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping(value = "/csat/{surveyId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable String surveyId, @RequestParam(name = "sig", required = false) String sig) {
        Optional<Survey> survey = signed(surveyId, sig);
        if (survey.isEmpty()) {
            return forbidden();
        }
        if (survey.get().answered()) {
            return page(HttpStatus.OK, "Thank you", "<p>You have already answered this survey. Thank you!</p>");
        }
        return page(HttpStatus.OK, "How did we do?", form(survey.get().id(), sig.strip(), null));
    }

    @PostMapping(value = "/csat/{surveyId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> answer(@PathVariable String surveyId,
            @RequestParam(name = "sig", required = false) String sig,
            @RequestParam(name = "score", required = false) String score,
            @RequestParam(name = "comment", required = false) String comment) {
        Optional<Survey> survey = signed(surveyId, sig);
        if (survey.isEmpty()) {
            return forbidden();
        }
        int value;
        try {
            value = Integer.parseInt(score == null ? "" : score.strip());
        } catch (NumberFormatException e) {
            value = 0;
        }
        Outcome outcome;
        try {
            outcome = surveys.answer(survey.get().id(), sig, value, comment);
        } catch (InvalidInputException e) {
            return page(HttpStatus.BAD_REQUEST, "Please check your answer", "<p class=\"error\">"
                    + HtmlUtils.htmlEscape(e.getMessage()) + "</p>" + form(survey.get().id(), sig.strip(), comment));
        }
        return switch (outcome) {
            case RECORDED -> page(HttpStatus.OK, "Thank you",
                    "<p>Thank you for your answer: " + value + "/5.</p>" + (comment == null || comment.isBlank() ? ""
                            : "<blockquote>" + HtmlUtils.htmlEscape(comment.strip()) + "</blockquote>"));
            case ALREADY_ANSWERED -> page(HttpStatus.OK, "Thank you",
                    "<p>You have already answered this survey. Thank you!</p>");
            case BAD_SIGNATURE -> forbidden();
        };
    }

    private Optional<Survey> signed(String surveyId, String sig) {
        UUID id;
        try {
            id = UUID.fromString(surveyId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return surveys.signatureValid(id, sig) ? surveys.find(id) : Optional.empty();
    }

    private static String form(UUID id, String sig, String comment) {
        StringBuilder html = new StringBuilder("<form method=\"post\" action=\"/csat/" + id + "\">"
                + "<input type=\"hidden\" name=\"sig\" value=\"" + HtmlUtils.htmlEscape(sig) + "\">"
                + "<p>How satisfied are you with the help you received?</p><div class=\"scores\">");
        String[] words = {"", "Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"};
        for (int i = 1; i <= 5; i++) {
            html.append("<button type=\"submit\" name=\"score\" value=\"").append(i).append("\" title=\"")
                    .append(words[i]).append("\">").append(i).append("</button>");
        }
        html.append("</div><p><label for=\"comment\">Anything you want to tell us? (optional)</label><br>")
                .append("<textarea id=\"comment\" name=\"comment\" maxlength=\"").append(CsatSurveys.MAX_COMMENT)
                .append("\" rows=\"4\">").append(comment == null ? "" : HtmlUtils.htmlEscape(comment))
                .append("</textarea></p><p class=\"hint\">1 = very dissatisfied, 5 = very satisfied.</p></form>");
        return html.toString();
    }

    private static ResponseEntity<String> forbidden() {
        return page(HttpStatus.FORBIDDEN, "Link not valid",
                "<p>This survey link is not valid. Please use the link from our message as it was sent.</p>");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;"
                + "margin:3rem auto;padding:0 1rem;color:#222}.scores button{font-size:1.4rem;width:3rem;height:3rem;"
                + "margin:.2rem;cursor:pointer}textarea{width:100%}.error{color:#b00}.hint{color:#666;font-size:.9rem}"
                + "</style></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1>" + body + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "no-referrer").body(html);
    }
}
