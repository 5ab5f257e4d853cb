package dlm.elasticsearch.extras;

import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

/** The subset of analysis-common used by Wagtail's index settings, plus a few basics. */
final class CommonComponents {

    private CommonComponents() {}

    /** Like Elasticsearch: max_gram - min_gram may not exceed index.max_ngram_diff (default 1). */
    static void checkNgramDiff(IndexSettings indexSettings, String type, int minGram, int maxGram) {
        int maxDiff = indexSettings.getMaxNgramDiff();
        if (maxGram - minGram > maxDiff) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in " + type
                + " must be less than or equal to: [" + maxDiff + "] but was [" + (maxGram - minGram)
                + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                + "] index level setting.");
        }
    }

    /** {@code asciifolding}; setting {@code preserve_original}. */
    static final class AsciiFolding extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFolding(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            this.preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
        }
    }

    /** {@code ngram} / {@code edge_ngram} token filters; settings {@code min_gram}, {@code max_gram}, {@code preserve_original}. */
    static final class NGramFilter extends AbstractTokenFilterFactory {
        private final boolean edge;
        private final int minGram;
        private final int maxGram;
        private final boolean preserveOriginal;

        private NGramFilter(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
            super(name, settings);
            this.edge = edge;
            this.minGram = settings.getAsInt("min_gram", 1);
            this.maxGram = settings.getAsInt("max_gram", 2);
            this.preserveOriginal = settings.getAsBoolean("preserve_original", false);
            if (!edge) {
                checkNgramDiff(indexSettings, "NGram Token Filter", minGram, maxGram);
            }
        }

        static NGramFilter ngram(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            return new NGramFilter(indexSettings, name, settings, false);
        }

        static NGramFilter edgeNGram(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            return new NGramFilter(indexSettings, name, settings, true);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return edge
                ? new EdgeNGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal)
                : new NGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
        }
    }

    /**
     * {@code ngram} / {@code edge_ngram} tokenizers; settings {@code min_gram}, {@code max_gram},
     * {@code token_chars} (letter, digit, whitespace, punctuation, symbol, custom) and
     * {@code custom_token_chars}. Without token_chars every character is kept.
     */
    static final class NGramTokenizer extends AbstractTokenizerFactory {
        private final boolean edge;
        private final int minGram;
        private final int maxGram;
        private final IntPredicate tokenChar;

        private NGramTokenizer(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
            super(indexSettings, settings, name);
            this.edge = edge;
            this.minGram = settings.getAsInt("min_gram", 1);
            this.maxGram = settings.getAsInt("max_gram", 2);
            if (!edge) {
                checkNgramDiff(indexSettings, "NGram Tokenizer", minGram, maxGram);
            }
            this.tokenChar = tokenChars(settings.getAsList("token_chars", List.of()), settings.get("custom_token_chars", ""));
        }

        static NGramTokenizer ngram(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            return new NGramTokenizer(indexSettings, name, settings, false);
        }

        static NGramTokenizer edgeNGram(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            return new NGramTokenizer(indexSettings, name, settings, true);
        }

        private static IntPredicate tokenChars(List<String> classes, String custom) {
            if (classes.isEmpty()) {
                return null;
            }
            IntPredicate p = c -> false;
            for (String cls : classes) {
                switch (cls) {
                    case "letter":
                        p = p.or(Character::isLetter);
                        break;
                    case "digit":
                        p = p.or(Character::isDigit);
                        break;
                    case "whitespace":
                        p = p.or(Character::isWhitespace);
                        break;
                    case "punctuation":
                        p = p.or(c -> {
                            int t = Character.getType(c);
                            return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                                || t == Character.OTHER_PUNCTUATION;
                        });
                        break;
                    case "symbol":
                        p = p.or(c -> {
                            int t = Character.getType(c);
                            return t == Character.MATH_SYMBOL || t == Character.CURRENCY_SYMBOL
                                || t == Character.MODIFIER_SYMBOL || t == Character.OTHER_SYMBOL;
                        });
                        break;
                    case "custom":
                        Set<Integer> set = new HashSet<>();
                        custom.codePoints().forEach(set::add);
                        p = p.or(set::contains);
                        break;
                    default:
                        throw new IllegalArgumentException("Unknown token type: '" + cls
                            + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]");
                }
            }
            return p;
        }

        @Override
        public org.apache.lucene.analysis.Tokenizer create() {
            final IntPredicate tc = tokenChar;
            if (edge) {
                return tc == null ? new EdgeNGramTokenizer(minGram, maxGram) : new EdgeNGramTokenizer(minGram, maxGram) {
                    @Override
                    protected boolean isTokenChar(int chr) {
                        return tc.test(chr);
                    }
                };
            }
            return tc == null
                ? new org.apache.lucene.analysis.ngram.NGramTokenizer(minGram, maxGram)
                : new org.apache.lucene.analysis.ngram.NGramTokenizer(minGram, maxGram) {
                    @Override
                    protected boolean isTokenChar(int chr) {
                        return tc.test(chr);
                    }
                };
        }
    }

    /** {@code keyword} tokenizer; setting {@code buffer_size} (default 256). */
    static final class KeywordTokenizer extends AbstractTokenizerFactory {
        private final int bufferSize;

        KeywordTokenizer(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(indexSettings, settings, name);
            this.bufferSize = settings.getAsInt("buffer_size", 256);
        }

        @Override
        public org.apache.lucene.analysis.Tokenizer create() {
            return new org.apache.lucene.analysis.core.KeywordTokenizer(bufferSize);
        }
    }

    /** {@code whitespace} tokenizer. */
    static final class WhitespaceTokenizer extends AbstractTokenizerFactory {
        WhitespaceTokenizer(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(indexSettings, settings, name);
        }

        @Override
        public org.apache.lucene.analysis.Tokenizer create() {
            return new org.apache.lucene.analysis.core.WhitespaceTokenizer();
        }
    }

    /** {@code html_strip} char filter; setting {@code escaped_tags}. */
    static final class HtmlStrip extends AbstractCharFilterFactory {
        private final Set<String> escapedTags;

        HtmlStrip(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name);
            List<String> tags = settings.getAsList("escaped_tags", List.of());
            this.escapedTags = tags.isEmpty() ? null : Set.copyOf(tags);
        }

        @Override
        public Reader create(Reader reader) {
            return new HTMLStripCharFilter(reader, escapedTags);
        }
    }
}
