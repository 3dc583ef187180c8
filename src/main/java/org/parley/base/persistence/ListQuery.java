package org.parley.base.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A JPQL query with {@code in (:name)} list parameters whose plan Hibernate keeps.
 *
 * <p>Hibernate never caches the plan of a query bound to a collection parameter (the SQL depends on the list's
 * size), nor of one with a lone parameter in parentheses, which may be bound to one: every run translated the query
 * from JPQL to SQL again — 8.6 % of the JVM's CPU on the ingest benchmark, nearly as much as running them. Here each list
 * is written out as single parameters, its distinct values padded to a power of two (at least two) by repeating the
 * last one, which changes no {@code in}; so each query has a handful of texts, which Hibernate translates once and then
 * reuses, and the driver's statement cache with them.
 *
 * <p>An empty list is written as nulls, {@code in (null, null)}, which matches nothing, as an empty {@code in} would; so a list
 * must not stand after a {@code not}.
 */
public final class ListQuery<T> {

    private final EntityManager entityManager;
    private final Class<T> resultType;
    private final String jpql;
    private final Map<String, Collection<?>> lists = new LinkedHashMap<>();
    private final Map<String, Object> singles = new LinkedHashMap<>();
    private LockModeType lockMode;
    private int maxResults = -1;

    private ListQuery(EntityManager entityManager, Class<T> resultType, String jpql) {
        this.entityManager = entityManager;
        this.resultType = resultType;
        this.jpql = jpql;
    }

    public static <T> ListQuery<T> of(EntityManager entityManager, Class<T> resultType, String jpql) {
        return new ListQuery<>(entityManager, resultType, jpql);
    }

    /** The entities with these ids, in no particular order (an id nobody has is left out). */
    public static <T> List<T> findAllById(EntityManager entityManager, Class<T> entityType, Iterable<?> ids) {
        List<Object> list = new ArrayList<>();
        ids.forEach(list::add);
        var entity = entityManager.getMetamodel().entity(entityType);
        String id = entity.getId(entity.getIdType().getJavaType()).getName();
        return of(entityManager, entityType, "select e from " + entity.getName() + " e where e." + id + " in (:ids)")
                .list("ids", list).getResultList();
    }

    /** Binds a list parameter, written exactly {@code in (:name)} in the query. */
    public ListQuery<T> list(String name, Collection<?> values) {
        if (!jpql.contains("(:" + name + ")")) {
            throw new IllegalArgumentException("the query has no \"(:" + name + ")\": " + jpql);
        }
        lists.put(name, values);
        return this;
    }

    public ListQuery<T> with(String name, Object value) {
        singles.put(name, value);
        return this;
    }

    public ListQuery<T> lock(LockModeType mode) {
        this.lockMode = mode;
        return this;
    }

    public ListQuery<T> limit(int max) {
        this.maxResults = max;
        return this;
    }

    public List<T> getResultList() {
        String written = jpql;
        Map<String, List<?>> paddedLists = new LinkedHashMap<>();
        for (var list : lists.entrySet()) {
            List<?> values = padded(list.getValue());
            paddedLists.put(list.getKey(), values);
            written = written.replace("(:" + list.getKey() + ")", placeholders(list.getKey(), values));
        }
        TypedQuery<T> query = entityManager.createQuery(written, resultType);
        singles.forEach(query::setParameter);
        paddedLists.forEach((name, values) -> bindPadded(query, name, values));
        if (lockMode != null) {
            query.setLockMode(lockMode);
        }
        if (maxResults >= 0) {
            query.setMaxResults(maxResults);
        }
        return query.getResultList();
    }

    /**
     * For a query written by hand: the parameters a list of these values is written as, {@code (:name_0, …)}, to
     * be bound with {@link #bind}.
     */
    public static String parameters(String name, Collection<?> values) {
        return placeholders(name, padded(values));
    }

    /** Binds the parameters {@link #parameters} wrote for these values. */
    public static void bind(Query query, String name, Collection<?> values) {
        bindPadded(query, name, padded(values));
    }

    private static String placeholders(String name, List<?> padded) {
        StringBuilder written = new StringBuilder("(");
        for (int i = 0; i < padded.size(); i++) {
            written.append(i == 0 ? ":" : ", :").append(name).append('_').append(i);
        }
        return written.append(')').toString();
    }

    private static void bindPadded(Query query, String name, List<?> padded) {
        for (int i = 0; i < padded.size(); i++) {
            query.setParameter(name + "_" + i, padded.get(i));
        }
    }

    /** The distinct values, the last repeated up to a power of two, at least two (nothing: two nulls). */
    private static List<?> padded(Collection<?> values) {
        List<Object> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        if (distinct.isEmpty()) {
            distinct.add(null);
        }
        // at least two: Hibernate takes a lone parameter in parentheses for one that may be bound to a collection
        int size = Math.max(2, Integer.highestOneBit(distinct.size() - 1) << 1);
        while (distinct.size() < size) {
            distinct.add(distinct.getLast());
        }
        return distinct;
    }
}
