package dlm.opensearch.icu;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractTokenizerFactory;

/**
 * {@code icu_tokenizer}: Unicode text segmentation (UAX #29) with ICU's
 * dictionary-based word breaking for scripts written without spaces.
 *
 * <p>Settings: {@code cjk_as_words} (default true), {@code myanmar_as_words} (default true).
 */
public class IcuTokenizerFactory extends AbstractTokenizerFactory {

    private final boolean cjkAsWords;
    private final boolean myanmarAsWords;

    public IcuTokenizerFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(indexSettings, settings, name);
        this.cjkAsWords = settings.getAsBoolean("cjk_as_words", true);
        this.myanmarAsWords = settings.getAsBoolean("myanmar_as_words", true);
    }

    @Override
    public Tokenizer create() {
        return new ICUTokenizer(new DefaultICUTokenizerConfig(cjkAsWords, myanmarAsWords));
    }
}
