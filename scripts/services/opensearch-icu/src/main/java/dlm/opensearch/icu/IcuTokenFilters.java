package dlm.opensearch.icu;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractTokenFilterFactory;
import org.opensearch.index.analysis.NormalizingTokenFilterFactory;

/** The ICU token filters. All are usable in normalizers too. */
final class IcuTokenFilters {

    private IcuTokenFilters() {}

    /** {@code icu_folding}: case folding, accent removal and other foldings (UTR #30). Setting: {@code unicode_set_filter}. */
    static final class Folding extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Normalizer2 normalizer;

        Folding(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(indexSettings, name, settings);
            this.normalizer = IcuSettings.filtered(ICUFoldingFilter.NORMALIZER, settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUFoldingFilter(tokenStream, normalizer);
        }
    }

    /** {@code icu_normalizer}: Unicode normalization. Settings: {@code name}, {@code mode}, {@code unicode_set_filter}. */
    static final class Normalizer extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Normalizer2 normalizer;

        Normalizer(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(indexSettings, name, settings);
            this.normalizer = IcuSettings.filtered(IcuSettings.normalizer(settings), settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUNormalizer2Filter(tokenStream, normalizer);
        }
    }

    /**
     * {@code icu_transform}: ICU transliteration, e.g. {@code id: "Traditional-Simplified"} or
     * {@code "Any-Latin; NFD; [:Nonspacing Mark:] Remove; NFC"}. Settings: {@code id} (default "Null"),
     * {@code dir} (forward or reverse; default forward).
     */
    static final class Transform extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Transliterator transliterator;

        Transform(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(indexSettings, name, settings);
            String id = settings.get("id", "Null");
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
            this.transliterator = Transliterator.getInstance(id, direction);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUTransformFilter(tokenStream, transliterator);
        }
    }
}
