import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")
application = get_wsgi_application()

# Each server process builds the Thai segmenter of headings and PDFs now (core.words: 0.7 s of
# CPU on a quiet machine, 3 s on a busy one, and 70 MB of dictionary), not in the first officer's
# request, where it held every thread of the process. Then the objects alive at start (Django, the apps, the dictionary: about 600,000) are
# moved out of the garbage collector's reach (gc.freeze): they live as long as the process, and
# a full collection walked all of them, a pause of 5-10 ms on a request now and then.
from core.words import tokenizer  # noqa: E402

tokenizer()
gc.collect()  # what start-up left as garbage is freed first, not frozen with the rest
gc.freeze()
