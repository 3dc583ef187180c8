package org.parley.customer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.parley.base.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * Customer attributes from a CRM export: a CSV whose {@code identity} column names the customer
 * ({@code TYPE:value}, e.g. {@code EMAIL:jane@example.com}) and whose other columns are attributes. Each row is
 * merged into its customer on its own (an empty cell leaves that attribute as it is); a row that cannot be
 * applied is reported with its line and the rest go on.
 */
@Service
public class CustomerAttributeImport {

    static final int MAX_ROWS = 10_000;

    private final CustomerDirectory customers;

    CustomerAttributeImport(CustomerDirectory customers) {
        this.customers = customers;
    }

    /** What an import did: customers updated, rows without a known customer, and each refused row's reason. */
    public record Result(int updated, int unknown, List<String> problems) {
    }

    public Result importCsv(Reader csv) {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get().parse(csv)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains("identity")) {
                throw new InvalidInputException("the first line must name the columns, one of them 'identity' (TYPE:value,"
                        + " e.g. EMAIL:jane@example.com); found " + header);
            }
            List<String> attributes = header.stream().filter(h -> !h.equals("identity")).toList();
            if (attributes.isEmpty()) {
                throw new InvalidInputException("no attribute columns beside 'identity'");
            }
            int updated = 0;
            int unknown = 0;
            List<String> problems = new ArrayList<>();
            for (CSVRecord row : parser) {
                long line = row.getRecordNumber() + 1;
                if (row.getRecordNumber() > MAX_ROWS) {
                    problems.add("line " + line + " and after: not read (at most " + MAX_ROWS + " rows at once)");
                    break;
                }
                try {
                    IdentityKey key = customers.normalizer().parse(row.get("identity"));
                    var customer = customers.findByIdentity(key);
                    if (customer.isEmpty()) {
                        unknown++;
                        problems.add("line " + line + ": no customer with the identity " + key);
                        continue;
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    for (String name : attributes) {
                        String value = row.isSet(name) ? row.get(name) : null;
                        if (value != null && !value.isBlank()) {
                            values.put(name, value);
                        }
                    }
                    if (!values.isEmpty()) {
                        customers.setAttributes(customer.get().id(), values, false);
                        updated++;
                    }
                } catch (InvalidInputException | IllegalArgumentException e) {
                    problems.add("line " + line + ": " + e.getMessage());
                }
            }
            return new Result(updated, unknown, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new InvalidInputException("not a CSV file Parley can read: " + e.getMessage());
        }
    }
}
