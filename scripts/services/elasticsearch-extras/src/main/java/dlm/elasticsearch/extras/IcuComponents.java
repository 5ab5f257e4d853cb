package dlm.elasticsearch.extras;

import java.io.Reader;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

/** ICU components (same settings as in the OpenSearch rig plugin, ../opensearch-icu). */
final class IcuComponents {

    private IcuComponents() {}

    /** Normalizer from {@code name} (default nfkc_cf), {@code mode} (compose|decompose), {@code unicode_set_filter}. */
    static Normalizer2 normalizer(Settings settings) {
        String mode = settings.get("mode", "compose");
        Normalizer2.Mode m;
        switch (mode) {
            case "compose":
                m = Normalizer2.Mode.COMPOSE;
                break;
            case "decompose":
                m = Normalizer2.Mode.DECOMPOSE;
                break;
            default:
                throw new IllegalArgumentException("icu_normalizer: unknown mode [" + mode + "], expected compose or decompose");
        }
        return filtered(Normalizer2.getInstance(null, settings.get("name", "nfkc_cf"), m), settings);
    }

    static Normalizer2 filtered(Normalizer2 normalizer, Settings settings) {
        String filter = settings.get("unicode_set_filter");
        if (filter == null || filter.isEmpty()) {
            return normalizer;
        }
        return new FilteredNormalizer2(normalizer, new UnicodeSet(filter).freeze());
    }

    /** {@code icu_tokenizer}; settings {@code cjk_as_words}, {@code myanmar_as_words} (default true). */
    static final class Tokenizer extends AbstractTokenizerFactory {
        private final boolean cjkAsWords;
        private final boolean myanmarAsWords;

        Tokenizer(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(indexSettings, settings, name);
            this.cjkAsWords = settings.getAsBoolean("cjk_as_words", true);
            this.myanmarAsWords = settings.getAsBoolean("myanmar_as_words", true);
        }

        @Override
        public org.apache.lucene.analysis.Tokenizer create() {
            return new ICUTokenizer(new DefaultICUTokenizerConfig(cjkAsWords, myanmarAsWords));
        }
    }

    /** {@code icu_folding}; setting {@code unicode_set_filter}. */
    static final class Folding extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Normalizer2 normalizer;

        Folding(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            this.normalizer = filtered(ICUFoldingFilter.NORMALIZER, settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUFoldingFilter(tokenStream, normalizer);
        }
    }

    /** {@code icu_normalizer} token filter. */
    static final class Normalizer extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Normalizer2 normalizer;

        Normalizer(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            this.normalizer = normalizer(settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUNormalizer2Filter(tokenStream, normalizer);
        }
    }

    /** {@code icu_transform}; settings {@code id} (default "Null"), {@code dir} (forward|reverse). */
    static final class Transform extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Transliterator transliterator;

        Transform(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            String dir = settings.get("dir", "forward");
            int direction;
            switch (dir) {
                case "forward":
                    direction = Transliterator.FORWARD;
                    break;
                case "reverse":
                    direction = Transliterator.REVERSE;
                    break;
                default:
                    throw new IllegalArgumentException("icu_transform: unknown dir [" + dir + "], expected forward or reverse");
            }
            this.transliterator = Transliterator.getInstance(settings.get("id", "Null"), direction);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUTransformFilter(tokenStream, transliterator);
        }
    }

    /** {@code icu_normalizer} char filter. */
    static final class NormalizerCharFilter extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
        private final Normalizer2 normalizer;

        NormalizerCharFilter(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name);
            this.normalizer = normalizer(settings);
        }

        @Override
        public Reader create(Reader reader) {
            return new ICUNormalizer2CharFilter(reader, normalizer);
        }
    }
}
