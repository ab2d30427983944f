<?xml version="1.0" encoding="UTF-8"?>
<!--
  referral.xsl: a family referred to a team with an intake: where it
  stands, why it was referred, the team's decisions and discussions, and
  the forms of those who may act: the team's leader decides (in, the
  waiting list with a place and why, declined), its members record a
  discussion while the family is in, the holder or the team's leader
  ends it. View: h_referral.c (<referral id status team team-id log
  reference child referrer referred priority priority-reason decided-by
  decided decision-note started ended end-reason can-read-log
  can-decide can-discuss can-end><reason/><discussions><discussion held
  with-referrer by recorded/></discussions></referral>, <error field>
  and <typed form> after a refusal).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('Referral to {0}', referral/@team)"/>
  </xsl:template>

  <xsl:template name="typed">
    <xsl:param name="name"/>
    <xsl:value-of select="/page/typed[@name = $name]"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="f" select="referral"/>
    <p><a href="/teams/{$f/@team-id}"><xsl:value-of select="$f/@team"/></a></p>
    <h1><xsl:value-of select="i:t('Referral to {0}', $f/@team)"/></h1>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('Nothing was saved. Correct this:')"/></h2>
        <ul>
          <xsl:for-each select="error">
            <li><a href="#referral-{@field}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Child')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$f/@can-read-log"><a href="/logs/{$f/@log}"><xsl:value-of select="$f/@child"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="$f/@child"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <span class="small-ref"><xsl:value-of select="$f/@reference"/></span>
      </dd>
      <dt><xsl:value-of select="i:t('Where it stands')"/></dt>
      <dd>
        <xsl:call-template name="referral-state"><xsl:with-param name="s" select="$f/@status"/></xsl:call-template>
        <xsl:if test="$f/@status = 'waiting'">
          <xsl:text> </xsl:text>
          <xsl:value-of select="i:t('place {0}', $f/@priority)"/>
          <div class="hint"><xsl:value-of select="$f/@priority-reason"/></div>
        </xsl:if>
      </dd>
      <dt><xsl:value-of select="i:t('Referred by')"/></dt>
      <dd>
        <xsl:value-of select="$f/@referrer"/>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$f/@referred"/></xsl:call-template>
      </dd>
      <xsl:if test="$f/@started">
        <dt><xsl:value-of select="i:t('In the team since')"/></dt>
        <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$f/@started"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="$f/@decision-note">
        <dt><xsl:value-of select="i:t('Why it was declined')"/></dt>
        <dd><xsl:value-of select="$f/@decision-note"/></dd>
      </xsl:if>
      <xsl:if test="$f/@ended">
        <dt><xsl:value-of select="i:t('Ended')"/></dt>
        <dd>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$f/@ended"/></xsl:call-template>
          <xsl:if test="$f/@end-reason"><xsl:text>: </xsl:text><xsl:value-of select="$f/@end-reason"/></xsl:if>
        </dd>
      </xsl:if>
    </dl>
    <h2><xsl:value-of select="i:t('Why the family is referred')"/></h2>
    <p class="prose"><xsl:value-of select="$f/reason"/></p>

    <xsl:if test="$f/@can-decide">
      <section aria-labelledby="decide-title" id="decide">
        <h2 id="decide-title"><xsl:value-of select="i:t('The team’s decision')"/></h2>
        <form method="post" action="/referrals/{$f/@id}/decide" novalidate="novalidate">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <xsl:variable name="de" select="string(/page/error[@field = 'decision'])"/>
          <xsl:variable name="chosen" select="string(/page/typed[@name = 'decision'])"/>
          <fieldset id="referral-decision">
            <xsl:attribute name="class">field choices<xsl:if test="$de != ''"> has-error</xsl:if></xsl:attribute>
            <xsl:if test="$de != ''">
              <xsl:attribute name="aria-describedby">referral-decision-error</xsl:attribute>
            </xsl:if>
            <legend><xsl:value-of select="i:t('Decision')"/><span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span></legend>
            <xsl:call-template name="choices-error">
              <xsl:with-param name="id" select="'referral-decision'"/>
              <xsl:with-param name="error" select="$de"/>
            </xsl:call-template>
            <div class="choice">
              <input type="radio" id="referral-decision-in" name="decision" value="in">
                <xsl:if test="$chosen = 'in'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="referral-decision-in"><xsl:value-of select="i:t('Take the family in')"/></label>
            </div>
            <div class="choice">
              <input type="radio" id="referral-decision-wait" name="decision" value="wait">
                <xsl:if test="$chosen = 'wait'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="referral-decision-wait"><xsl:value-of select="i:t('Put it on the waiting list')"/></label>
            </div>
            <div class="choice">
              <input type="radio" id="referral-decision-decline" name="decision" value="decline">
                <xsl:if test="$chosen = 'decline'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="referral-decision-decline"><xsl:value-of select="i:t('Decline')"/></label>
            </div>
          </fieldset>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'referral-priority'"/>
            <xsl:with-param name="name" select="'priority'"/>
            <xsl:with-param name="label" select="i:t('Place on the waiting list')"/>
            <xsl:with-param name="inputmode" select="'numeric'"/>
            <xsl:with-param name="maxlength" select="'3'"/>
            <xsl:with-param name="hint" select="i:t('For the waiting list only: 1 is the first to be taken in.')"/>
            <xsl:with-param name="value"><xsl:call-template name="typed"><xsl:with-param name="name" select="'priority'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="error" select="string(/page/error[@field = 'priority'])"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'referral-reason'"/>
            <xsl:with-param name="name" select="'reason'"/>
            <xsl:with-param name="label" select="i:t('Why?')"/>
            <xsl:with-param name="type" select="'textarea'"/>
            <xsl:with-param name="maxlength" select="'4000'"/>
            <xsl:with-param name="hint" select="i:t('Needed for the waiting list (why this place) and for declining. The holder and the family read it in the log.')"/>
            <xsl:with-param name="value"><xsl:call-template name="typed"><xsl:with-param name="name" select="'reason'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="error" select="string(/page/error[@field = 'reason'][not(/page/typed[@name = 'summary'])])"/>
          </xsl:call-template>
          <button type="submit" class="primary"><xsl:value-of select="i:t('Save the decision')"/></button>
        </form>
      </section>
    </xsl:if>

    <section aria-labelledby="discussions-title" id="discussions">
      <h2 id="discussions-title"><xsl:value-of select="i:t('Discussions in the team')"/></h2>
      <xsl:choose>
        <xsl:when test="not($f/discussions/discussion)">
          <p class="muted"><xsl:value-of select="i:t('No discussion is recorded.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="timeline">
            <xsl:for-each select="$f/discussions/discussion">
              <li>
                <strong><xsl:call-template name="date"><xsl:with-param name="d" select="@held"/></xsl:call-template></strong>
                <xsl:if test="@with-referrer = 'true'"><xsl:text> </xsl:text><span class="tag info"><xsl:value-of select="i:t('With the one who referred')"/></span></xsl:if>
                <p><xsl:value-of select="."/></p>
                <p class="hint"><xsl:value-of select="@by"/></p>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$f/@can-discuss">
        <form method="post" action="/referrals/{$f/@id}/discussions" novalidate="novalidate">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'referral-date'"/>
            <xsl:with-param name="name" select="'date'"/>
            <xsl:with-param name="label" select="i:t('Date')"/>
            <xsl:with-param name="type" select="'date'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="value"><xsl:call-template name="typed"><xsl:with-param name="name" select="'date'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="error" select="string(/page/error[@field = 'date'])"/>
          </xsl:call-template>
          <div class="field check">
            <input type="checkbox" id="referral-with_referrer" name="with_referrer" value="yes">
              <xsl:if test="/page/typed[@name = 'with_referrer']"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="referral-with_referrer"><xsl:value-of select="i:t('The one who referred the family took part')"/></label>
          </div>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'referral-summary'"/>
            <xsl:with-param name="name" select="'summary'"/>
            <xsl:with-param name="label" select="i:t('What was discussed and agreed')"/>
            <xsl:with-param name="type" select="'textarea'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength" select="'4000'"/>
            <xsl:with-param name="hint" select="i:t('Also in the relay log’s timeline: the family reads it.')"/>
            <xsl:with-param name="value"><xsl:call-template name="typed"><xsl:with-param name="name" select="'summary'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="error" select="string(/page/error[@field = 'summary'])"/>
          </xsl:call-template>
          <button type="submit" class="primary"><xsl:value-of select="i:t('Record the discussion')"/></button>
        </form>
      </xsl:if>
    </section>

    <xsl:if test="$f/@can-end">
      <section aria-labelledby="end-title" id="end">
        <h2 id="end-title">
          <xsl:choose>
            <xsl:when test="$f/@status = 'in'"><xsl:value-of select="i:t('The family leaves the team')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('Withdraw the referral')"/></xsl:otherwise>
          </xsl:choose>
        </h2>
        <form method="post" action="/referrals/{$f/@id}/end" novalidate="novalidate">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'referral-end-reason'"/>
            <xsl:with-param name="name" select="'reason'"/>
            <xsl:with-param name="label" select="i:t('Why?')"/>
            <xsl:with-param name="type" select="'textarea'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength" select="'4000'"/>
            <xsl:with-param name="value" select="''"/>
          </xsl:call-template>
          <button type="submit" class="secondary">
            <xsl:choose>
              <xsl:when test="$f/@status = 'in'"><xsl:value-of select="i:t('End the family’s time in the team')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="i:t('Withdraw the referral')"/></xsl:otherwise>
            </xsl:choose>
          </button>
        </form>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
