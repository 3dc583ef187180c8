package org.parley.search;

import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analyzers of the search index, the same for the embedded Lucene index and for Elasticsearch/OpenSearch:
 * text is split into words, lower-cased and stripped of accents (a search for "resume" finds "résumé") and
 * English plurals are reduced ("refunds" finds "refund"); identities and tags are exact tokens.
 */
final class SearchAnalysis {

    static final String TEXT = "parley_text";
    static final String TOKENS = "parley_tokens";
    static final String LOWERCASE = "parley_lowercase";

    private SearchAnalysis() {
    }

    /** Named in {@code hibernate.search.backend.analysis.configurer} for the Lucene backend. */
    public static final class Lucene implements LuceneAnalysisConfigurer {
        @Override
        public void configure(LuceneAnalysisConfigurationContext context) {
            context.analyzer(TEXT).custom()
                    .tokenizer("standard")
                    .tokenFilter("lowercase")
                    .tokenFilter("asciiFolding")
                    .tokenFilter("englishMinimalStem");
            context.analyzer(TOKENS).custom()
                    .tokenizer("whitespace")
                    .tokenFilter("lowercase");
            context.normalizer(LOWERCASE).custom()
                    .tokenFilter("lowercase");
        }
    }

    /** Named in {@code hibernate.search.backend.analysis.configurer} for an Elasticsearch/OpenSearch backend. */
    public static final class Elasticsearch implements ElasticsearchAnalysisConfigurer {
        @Override
        public void configure(ElasticsearchAnalysisConfigurationContext context) {
            context.analyzer(TEXT).custom()
                    .tokenizer("standard")
                    .tokenFilters("lowercase", "asciifolding", "parley_minimal_english");
            context.tokenFilter("parley_minimal_english").type("stemmer").param("language", "minimal_english");
            context.analyzer(TOKENS).custom()
                    .tokenizer("whitespace")
                    .tokenFilters("lowercase");
            context.normalizer(LOWERCASE).custom()
                    .tokenFilters("lowercase");
        }
    }
}
